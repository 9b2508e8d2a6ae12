"""The parties (huvudmännen) SRO recommends to decide: Västra Götalandsregionen and the region's 49 municipalities,
each in one kommunalförbund, and VästKom with the four kommunalförbund as the channels that may answer for their
members. Facts the portal ships (migration 0002 writes them; the demo does not invent them). Registrar addresses
are not facts the portal knows: the secretary keeps them."""

REGION = "Västra Götalandsregionen"
VASTKOM = "VästKom"

# The kommunalförbund, by the official names the organisation register uses (meetings/demo/organisation.py), in
# the order SRO lists them, each with its member municipalities in the region (Kungsbacka, a member of
# Göteborgsregionen, lies in Region Halland and is not a party).
ASSOCIATIONS = {
    "Göteborgsregionens kommunalförbund": (
        "Göteborgsregionen", "GR",
        ["Ale", "Alingsås", "Göteborg", "Härryda", "Kungälv", "Lerum", "Lilla Edet", "Mölndal", "Partille",
         "Stenungsund", "Tjörn", "Öckerö"],
    ),
    "Fyrbodals kommunalförbund": (
        "Fyrbodalsregionen", "Fyrbodal",
        ["Bengtsfors", "Dals-Ed", "Färgelanda", "Lysekil", "Mellerud", "Munkedal", "Orust", "Sotenäs", "Strömstad",
         "Tanum", "Trollhättan", "Uddevalla", "Vänersborg", "Åmål"],
    ),
    "Skaraborgs kommunalförbund": (
        "Skaraborg", "Skaraborg",
        ["Essunga", "Falköping", "Grästorp", "Gullspång", "Götene", "Hjo", "Karlsborg", "Lidköping", "Mariestad",
         "Skara", "Skövde", "Tibro", "Tidaholm", "Töreboda", "Vara"],
    ),
    "Boråsregionen Sjuhärads kommunalförbund": (
        "Boråsregionen", "BRS",
        ["Bollebygd", "Borås", "Herrljunga", "Mark", "Svenljunga", "Tranemo", "Ulricehamn", "Vårgårda"],
    ),
}  # fmt: skip


# The official name of each municipality (the register keys on it), as Sveriges Kommuner och Regioner lists them;
# the cities that style themselves "stad" are still kommuner in law.
OFFICIAL_NAMES = {
    "Ale": "Ale kommun",
    "Alingsås": "Alingsås kommun",
    "Göteborg": "Göteborgs kommun",
    "Härryda": "Härryda kommun",
    "Kungälv": "Kungälvs kommun",
    "Lerum": "Lerums kommun",
    "Lilla Edet": "Lilla Edets kommun",
    "Mölndal": "Mölndals kommun",
    "Partille": "Partille kommun",
    "Stenungsund": "Stenungsunds kommun",
    "Tjörn": "Tjörns kommun",
    "Öckerö": "Öckerö kommun",
    "Bengtsfors": "Bengtsfors kommun",
    "Dals-Ed": "Dals-Eds kommun",
    "Färgelanda": "Färgelanda kommun",
    "Lysekil": "Lysekils kommun",
    "Mellerud": "Melleruds kommun",
    "Munkedal": "Munkedals kommun",
    "Orust": "Orust kommun",
    "Sotenäs": "Sotenäs kommun",
    "Strömstad": "Strömstads kommun",
    "Tanum": "Tanums kommun",
    "Trollhättan": "Trollhättans kommun",
    "Uddevalla": "Uddevalla kommun",
    "Vänersborg": "Vänersborgs kommun",
    "Åmål": "Åmåls kommun",
    "Essunga": "Essunga kommun",
    "Falköping": "Falköpings kommun",
    "Grästorp": "Grästorps kommun",
    "Gullspång": "Gullspångs kommun",
    "Götene": "Götene kommun",
    "Hjo": "Hjo kommun",
    "Karlsborg": "Karlsborgs kommun",
    "Lidköping": "Lidköpings kommun",
    "Mariestad": "Mariestads kommun",
    "Skara": "Skara kommun",
    "Skövde": "Skövde kommun",
    "Tibro": "Tibro kommun",
    "Tidaholm": "Tidaholms kommun",
    "Töreboda": "Töreboda kommun",
    "Vara": "Vara kommun",
    "Bollebygd": "Bollebygds kommun",
    "Borås": "Borås kommun",
    "Herrljunga": "Herrljunga kommun",
    "Mark": "Marks kommun",
    "Svenljunga": "Svenljunga kommun",
    "Tranemo": "Tranemo kommun",
    "Ulricehamn": "Ulricehamns kommun",
    "Vårgårda": "Vårgårda kommun",
}


def ship(apps) -> None:
    """Write the parties and channels as above (idempotent). Run by migration 0002 and after every ``flush`` and
    ``migrate`` (``post_migrate``, as Django recreates its permissions): a test database emptied between tests, or a
    database restored without them, has the facts back. ``apps``: the registry to take the models from."""
    Channel = apps.get_model("recommendations", "Channel")
    Principal = apps.get_model("recommendations", "Principal")
    municipalities = sum(len(members) for _common, _short, members in ASSOCIATIONS.values())
    if (Principal.objects.count(), Channel.objects.count()) == (municipalities + 1, len(ASSOCIATIONS) + 1):
        return
    Channel.objects.update_or_create(
        name=VASTKOM, defaults={"common_name": VASTKOM, "short_name": VASTKOM, "answers_for_all": True, "sort_order": 0}
    )
    Principal.objects.update_or_create(
        name=REGION, defaults={"common_name": REGION, "kind": "region", "group": None, "sort_order": 0}
    )
    order = 1
    for channel_order, (name, (common, short, members)) in enumerate(ASSOCIATIONS.items(), start=1):
        channel, _created = Channel.objects.update_or_create(
            name=name, defaults={"common_name": common, "short_name": short, "sort_order": channel_order}
        )
        for municipality in members:
            Principal.objects.update_or_create(
                name=OFFICIAL_NAMES[municipality],
                defaults={"common_name": municipality, "kind": "municipality", "group": channel, "sort_order": order},
            )
            order += 1
