"""The closed lists the curated tables' columns draw from: countries, flows, project categories and statuses,
event categories and date precisions. The models check them; charts and filters keep their order."""

from components.i18n import N_, _

COUNTRY_CODES = ("RUS", "PRK", "KOR", "CHN", "JPN", "MNG", "USA")
# Each country as readers name it, in COUNTRY_CODES' order (the ISO3 codes stay in the data, links and exports;
# RUS stands for the USSR too, as the data's events do). The glossary (docs/i18n.md) fixes DPRK and ROK.
COUNTRY_NAMES = {
    "RUS": N_("Russia"),
    "PRK": N_("DPRK"),
    "KOR": N_("ROK"),
    "CHN": N_("China"),
    "JPN": N_("Japan"),
    "MNG": N_("Mongolia"),
    "USA": N_("United States"),
}
FLOWS = ("export", "import", "total")
PROJECT_CATEGORIES = (
    "rail",
    "port",
    "pipeline",
    "mining",
    "energy",
    "industry",
    "trade",
    "finance",
    "aid",
    "telecom",
    "other",
)
PROJECT_STATUSES = ("operational", "under_construction", "agreed", "proposed", "stalled", "cancelled")
EVENT_CATEGORIES = (
    "visit",
    "summit",
    "agreement",
    "legislation",
    "commission",
    "sanctions",
    "infrastructure",
    "trade",
    "aid",
    "deadline",
    "shock",
)
DATE_PRECISIONS = ("day", "month", "year")

# Each value as readers see it (the values themselves stay as they are in the data, the URL and exports).
LABELS = {
    "export": N_("Export"),
    "import": N_("Import"),
    "total": N_("Total"),
    "rail": N_("Rail"),
    "port": N_("Port"),
    "pipeline": N_("Pipeline"),
    "mining": N_("Mining"),
    "energy": N_("Energy"),
    "industry": N_("Industry"),
    "trade": N_("Trade"),
    "finance": N_("Finance"),
    "aid": N_("Aid"),
    "telecom": N_("Telecom"),
    "other": N_("Other"),
    "operational": N_("Operational"),
    "under_construction": N_("Under construction"),
    "agreed": N_("Agreed"),
    "proposed": N_("Proposed"),
    "stalled": N_("Stalled"),
    "cancelled": N_("Cancelled"),
    "visit": N_("Visit"),
    "summit": N_("Summit"),
    "agreement": N_("Agreement"),
    "legislation": N_("Legislation"),
    "commission": N_("Commission"),
    "sanctions": N_("Sanctions"),
    "infrastructure": N_("Infrastructure"),
    "deadline": N_("Deadline"),
    "shock": N_("Shock"),
    "day": N_("Day"),
    "month": N_("Month"),
    "year": N_("Year"),
}


def vocabulary_label(value: str) -> str:
    """A flow, category, status or date precision as the reader's language names it (``under_construction``
    → ``Under construction``); a value of no list is shown as it is, capitalised."""
    label = LABELS.get(value)
    return _(label) if label else str(value)[:1].upper() + str(value)[1:]


def country_name(code: str) -> str:
    """An ISO3 code as the reader's language names the country (``PRK`` → ``DPRK``, ``북한``); a code of no
    list is shown as it is."""
    name = COUNTRY_NAMES.get(code)
    return _(name) if name else str(code)


def country_names(codes) -> str:
    """ISO3 codes (an iterable, or the data's ``RUS;PRK``) as the reader's language names them, in a list:
    ``Russia, DPRK``."""
    listed = codes.split(";") if isinstance(codes, str) else codes
    return ", ".join(country_name(code) for code in listed if code)


# What came of an announcement (outcomes.csv), in the Scorecard's order; data/README.md defines each.
OUTCOMES = (
    "delivered",
    "partly_delivered",
    "under_way",
    "stalled",
    "abandoned",
    "superseded",
    "no_public_record",
)
ANNOUNCEMENT_CATEGORIES = (
    "trade",
    "finance",
    "aid",
    "access",
    "mining",
    "energy",
    "industry",
    "transport",
    "institutions",
    "principle",
)

# The yearly indicators of how the projects performed (indicators.csv): each series and the one unit its
# values are in. A series' order is the order the pages list them in.
INDICATOR_UNITS = {
    "khasan_rajin_cargo": "tonnes",
    "khasan_rajin_coal": "tonnes",
    "dprk_workers_in_russia": "persons",
    "dprk_entries_to_russia": "persons",
    "russian_trips_to_dprk": "trips",
    "russian_tourist_trips_to_dprk": "trips",
}
# calendar_year: a flow over the year (cargo, entries); point_in_time: a count on the as_of date (workers).
INDICATOR_PERIODS = ("calendar_year", "point_in_time")
# How exactly the source states the figure: "1,600,000", "about 21,000", "more than 50,000".
VALUE_PRECISIONS = ("exact", "approximate", "lower_bound")
INDICATOR_LABELS = {
    "khasan_rajin_cargo": N_("Cargo carried on the Khasan–Rajin line"),
    "khasan_rajin_coal": N_("Coal carried to Rajin on the Khasan–Rajin line"),
    "dprk_workers_in_russia": N_("DPRK workers in Russia"),
    "dprk_entries_to_russia": N_("Entries of DPRK citizens into Russia"),
    "russian_trips_to_dprk": N_("Trips by Russian citizens to the DPRK"),
    "russian_tourist_trips_to_dprk": N_("Tourist trips by Russian citizens to the DPRK"),
}
UNIT_LABELS = {"tonnes": N_("tonnes"), "persons": N_("persons"), "trips": N_("trips")}
