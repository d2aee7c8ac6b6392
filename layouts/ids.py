"""Every component id of the dashboard: named constants for the shell, ``part()`` for a view's own."""

URL = "url"
SELECTION = "selection"  # dcc.Store: the validated Selection, the single input of every view
RENDERED_TAB = "rendered-tab"
PAGE_TITLE = "page-title"  # dcc.Store: the browser title the page was last given (set in the browser)
ERROR_ALERT = "error-alert"
DEMO_BANNER = "demo-banner"
DASHBOARD_PAGE = "dashboard-page"
ABOUT_PAGE = "about-page"
NOT_FOUND_PAGE = "not-found-page"
NAV_DASHBOARD = "nav-dashboard"
NAV_ABOUT = "nav-about"

EDITIONS = "filter-editions"
EDITIONS_PREDECESSOR = "filter-editions-predecessor"
REGION = "filter-region"
WEEK = "filter-week"
METRIC = "filter-metric"
COLOUR = "filter-colour"
COMPARE = "filter-compare"
COMPARE_GROUP = "filter-compare-group"
RESET = "filter-reset"
FILTER_SUMMARY = "filter-summary"
FILTER_TOGGLE = "filter-toggle"
FILTER_COLLAPSE = "filter-collapse"
DOWNLOAD_BUTTON = "download-button"
DOWNLOAD = "download"

TABS = "view-tabs"
VIEW = "view"
ABOUT_CONTENT = "about-content"


def tab_link(slug: str) -> str:
    """Id of the link that opens the view with URL value ``slug``."""
    return f"view-tab-{slug}"


def part(view: str, name: str) -> str:
    """Id of part ``name`` ('graph', 'text', ...) of view ``view``: 'map-graph'."""
    return f"{view}-{name}"
