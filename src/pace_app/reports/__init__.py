"""``pace runs`` and ``pace spend``: stored runs, their history and money, for operators."""
