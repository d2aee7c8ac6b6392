"""Every component id of the dashboard, one named constant each."""

URL = "url"
SELECTION = "selection"  # dcc.Store: the validated Selection, the single input of every view
RENDERED_TAB = "rendered-tab"
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
RESET = "filter-reset"
FILTER_SUMMARY = "filter-summary"
FILTER_TOGGLE = "filter-toggle"
FILTER_COLLAPSE = "filter-collapse"
DOWNLOAD_BUTTON = "download-button"
DOWNLOAD = "download"

TABS = "view-tabs"


def tab_link(tab: str) -> str:
    """Id of the link that opens view ``tab``."""
    return f"view-tab-{tab}"


VIEW = "view"

MAP_GRAPH = "map-graph"
MAP_TEXT = "map-text"
MAP_SIDE = "map-side"
MAP_SIDE = "map-side"
MAP_SOURCES = "map-sources"
MAP_NOTE = "map-note"

TREND_GRAPH = "trend-graph"
TREND_TEXT = "trend-text"
TREND_SOURCES = "trend-sources"
TREND_NOTE = "trend-note"

EVAL_GRAPH = "evaluation-graph"
EVAL_TEXT = "evaluation-text"
EVAL_SOURCES = "evaluation-sources"
EVAL_NOTE = "evaluation-note"

REACH_GRAPH = "reach-graph"
REACH_TEXT = "reach-text"
REACH_SOURCES = "reach-sources"
REACH_NOTE = "reach-note"
MONITOR_GRAPH = "monitor-graph"
MONITOR_TEXT = "monitor-text"
MONITOR_SOURCES = "monitor-sources"

ABOUT_CONTENT = "about-content"
