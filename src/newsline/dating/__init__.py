"""The dating stage: the one owner of every date newsline states.

Earlier stages propose, this stage decides and writes, each value with its reason:

- :mod:`.publication` — an article's ``published``, ``published_from`` and ``published_window``:
  the stated date chosen among the metadata stage's claims when the article is read, a copy's
  date offered by the duplicates stage (or the copies' conflict, which stays refused), and a day
  or window derived from the corpus;
- :mod:`.mentions` — an event mention's ``date`` or ``date_window``, from its own time
  expression resolved against the article's date or window;
- :mod:`.corpus` — the barriers' work over the store: decide the copies' proposals
  (:func:`~.corpus.date_from_copies`), then date undated articles from the events they share
  with dated ones and re-date their mentions (:func:`~.corpus.date_articles`).

``tests/test_date_owner.py`` fails if code outside this package assigns any of these fields.
Merged events carry dates too; those are the merge's (``Event.date``), computed from its mentions'.
The package imports nothing itself: the corpus barrier needs the event matcher, whose package's
extraction step imports :mod:`.mentions`, so each caller imports the module it uses.
"""
