"""The one synthetic world shared by the port, customs and finance tracks and the capstone.

``generate.build(seed)`` makes every table in memory; ``generate.write(out_dir)`` writes them byte-stably;
``embargo-kit data regenerate`` (``embargo_kit.cli.data``) calls it. Everything here is invented except the
list extract (:mod:`embargo_kit.world.listing`), the coastline and real port names and positions. See
``embargo_kit/data/world/DATASHEET.md``.
"""

SEED = 1718
