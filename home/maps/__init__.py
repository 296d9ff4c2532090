"""Maps drawn by the site itself from Natural Earth's country shapes (data/README.md).

Generic: countries are ISO 3166-1 alpha-2 codes, figures and links come from
the caller. `locator_map` shows where a page's places are; `world_map` shades
countries by a figure, each a link, with the same figures as table rows.
"""

from home.maps.choropleth import WorldMap, world_map
from home.maps.locator import locator_map, map_label, worldwide_map

__all__ = ["WorldMap", "locator_map", "map_label", "world_map", "worldwide_map"]
