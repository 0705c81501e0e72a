"""The shipped coastline: Natural Earth 1:50m land, cropped to East Asia.

Converted once (not at run time, not by ``regenerate``) from the npm package ``world-atlas@2``
(``land-50m.json``, TopoJSON of Natural Earth's public-domain land polygons)::

    cd /tmp && npm install world-atlas@2 topojson-client@3
    node -e "const t=require('topojson-client'),fs=require('fs');
             const w=JSON.parse(fs.readFileSync('node_modules/world-atlas/land-50m.json'));
             fs.writeFileSync('land-50m.geojson', JSON.stringify(t.feature(w, w.objects.land)))"
    python -m embargo_kit.world.coastline land-50m.geojson src/embargo_kit/data/geo/land_east_asia.geojson

The result is committed as ``data/geo/land_east_asia.geojson``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: lon_min, lat_min, lon_max, lat_max of the crop
BBOX = (100.0, 10.0, 160.0, 55.0)
SOURCE = "Natural Earth 1:50m land (public domain), via npm world-atlas@2 land-50m.json"


def _round(obj, nd: int = 3):
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, (list, tuple)):
        return [_round(v, nd) for v in obj]
    return obj


def convert(src: str | Path, dst: str | Path) -> int:
    """Crop a land GeoJSON to :data:`BBOX`, round to 3 decimals, write it; return the polygon count."""
    from shapely.geometry import box, mapping, shape
    from shapely.validation import make_valid

    data = json.loads(Path(src).read_text(encoding="utf-8"))
    feats = data["features"] if data.get("type") == "FeatureCollection" else [data]
    frame = box(*BBOX)
    parts = []
    for f in feats:
        geom = shape(f["geometry"])
        geom = geom if geom.is_valid else make_valid(geom)
        for g in getattr(geom, "geoms", [geom]):
            if g.intersects(frame):
                parts.append(g.intersection(frame))
    polys = []
    for g in parts:
        for p in getattr(g, "geoms", [g]):
            if p.geom_type == "Polygon" and not p.is_empty:
                polys.append(p)
    out = {
        "type": "FeatureCollection",
        "name": "land_east_asia",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "land", "source": SOURCE},
                "geometry": {"type": "Polygon", "coordinates": _round(mapping(p)["coordinates"])},
            }
            for p in sorted(polys, key=lambda p: (-p.area, p.bounds))
        ],
    }
    Path(dst).write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    return len(polys)


if __name__ == "__main__":  # pragma: no cover
    print(convert(sys.argv[1], sys.argv[2]), "polygons")
