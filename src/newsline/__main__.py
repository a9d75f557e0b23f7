"""``python -m newsline …`` runs the command line, like the ``newsline`` script."""
from .cli import main

main()
