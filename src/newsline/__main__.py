"""``python -m newsline``: the same as the ``newsline`` command."""
from newsline.cli import main

if __name__ == "__main__":
    main()
