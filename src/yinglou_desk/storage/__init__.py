"""Where the studio's data lives: SQLAlchemy models, engine, migrations glue.

Framework exceptions stay in here; callers see :mod:`yinglou_desk.storage.errors`.
"""
