"""The closed lists the curated tables' columns draw from: countries, flows, project categories and statuses,
event categories and date precisions. The models check them; charts and filters keep their order."""

from components.i18n import N_, _

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
