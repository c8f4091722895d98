"""The closed lists the curated tables' columns draw from: countries, flows, project categories and statuses,
event categories and date precisions. The models check them; charts and filters keep their order."""

COUNTRY_CODES = ("RUS", "PRK", "KOR", "CHN", "JPN", "MNG", "USA")
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
    "deadline",
    "shock",
)
DATE_PRECISIONS = ("day", "month", "year")
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
