"""Every text a user reads, one dictionary per language.

Layouts and callbacks ask ``t(key)``; nothing user-facing is written elsewhere. English is a
later issue: add ``"en"`` with the same keys. Notation (numbers, dates) is in ``core.formatting``.
"""

from __future__ import annotations

DEFAULT_LANG = "nl"


TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "app_title": "Slimme Zorg Estafette in cijfers",
        "app_subtitle": "Activiteiten, evaluaties en bereik van de SZE en Zorg van Nu, met bron bij elk cijfer",
        "nav_dashboard": "Dashboard",
        "nav_about": "Over de cijfers",
        "skip_link": "Naar de inhoud",
        "filter_editions": "Editie SZE",
        "filter_predecessor": "Voorloper e-healthweek",
        "nav_label": "Hoofdnavigatie",
        "filter_region": "Regio",
        "filter_week": "Week",
        "filter_metric": "Cijfer",
        "filter_colour": "Kaartkleur",
        "all": "Alle",
        "colour_region": "Regio",
        "colour_metric": "Gekozen cijfer",
        "reset": "Filters wissen",
        "filters_toggle": "Filters tonen/verbergen",
        "download": "Cijfers downloaden (CSV)",
        "level_national": "landelijk",
        "level_region": "regio",
        "summary": "Getoond: {parts}.",
        "summary_all_editions": "alle edities",
        "summary_editions": "editie {edition}",
        "summary_region": "regio {region}",
        "summary_week": "week {week}",
        "tab_kaart": "Kaart",
        "tab_trends": "Trends",
        "tab_evaluatie": "Evaluatie",
        "tab_bereik": "Bereik Zorg van Nu",
        "programme_sze": "SZE",
        "programme_ehealthweek": "e-healthweek",
        "predecessor_title": "Voorloper e-healthweek",
        "sze_title": "Slimme Zorg Estafette",
        "not_published": "niet gepubliceerd",
        "not_published_br": "niet<br>gepubliceerd",
        "no_totals": "Geen totalen gepubliceerd",
        "no_comparable_predecessor": "De e-healthweek heeft geen vergelijkbaar cijfer.",
        "predecessor_national_note": "De e-healthweek publiceerde geen cijfers per regio of week; de voorloper is weggelaten.",
        "source": "Bron",
        "sources": "Bronnen",
        "map_title": "SZE-regio's en hun week",
        "map_title_metric": "{metric} per regio, {edition}",
        "map_title_metric_none": "{metric} per regio: niet gepubliceerd",
        "weeks_none_chosen": "Geen SZE-editie gekozen.",
        "weeks_none_published": "Voor de gekozen edities is geen weekvolgorde gepubliceerd.",
        "map_no_regional": "Voor ‘{metric}’ is in de gekozen edities geen cijfer per regio gepubliceerd; alle regio's grijs.",
        "map_region_hint": "Klik op een provincie om op die regio te filteren; klik nogmaals om het filter te wissen.",
        "map_credit": "Kaartgegevens: Natural Earth (publiek domein). Plaatsen van initiatieven: de plaats die de bron noemt, anders de provincie die de bron noemt (ook in een naam, zoals ‘regio Utrecht’ of ‘Jeugdbescherming Overijssel’); zonder plaats of provincie niet op de kaart.",
        "weeks_heading": "Weekvolgorde",
        "map_week_unordered": "Het weekfilter geldt alleen voor edities met een gepubliceerde weekvolgorde; niet getoond: {editions}.",
        "map_week_none": "Geen regio had week {week} in de gekozen edities en regio.",
        "weeks_unknown": "{edition}: weekvolgorde niet gepubliceerd",
        "week_label": "week {week}",
        "initiatives_heading": "Uitgelichte initiatieven",
        "initiatives_none": "Geen uitgelichte initiatieven in deze selectie.",
        "initiative_where_place": "{place} ({province})",
        "initiative_where_province": "provincie {province} (geen plaats genoemd)",
        "initiative_where_none": "geen plaats genoemd",
        "regional_figures_heading": "Cijfers per regio",
        "regional_figures_none": "Geen cijfers per regio gepubliceerd voor deze selectie.",
        "trend_title": "{metric} per editie",
        "trend_nothing": "Voor deze selectie is niets gepubliceerd.",
        "trend_rounded": "afgerond gepubliceerd (bijna, ruim, meer dan)",
        "trend_exact": "gepubliceerd cijfer",
        "trend_rounded_short": "afgerond gepubliceerd",
        "trend_not_one_series": "niet gelijk geteld: elke kleur is een eigen telling, geen reeks",
        "partners_heading": "E-healthweek: partnerorganisaties (geen SZE-tegenhanger)",
        "trend_region_note": "Alleen cijfers die voor regio {region} zijn gepubliceerd.",
        "trend_week_note": "Alleen cijfers die voor week {week} zijn gepubliceerd.",
        "trend_cards_heading": "{metric}: gepubliceerde waarden",
        "definition": "Definitie",
        "eval_title": "Gepubliceerde evaluatieresultaten",
        "eval_score": "Cijfer (schaal niet vermeld)",
        "eval_return": "Doet mee aan volgende editie (%)",
        "eval_table_heading": "Wat precies is beoordeeld",
        "eval_none": "Voor de gekozen edities zijn geen evaluatieresultaten gepubliceerd.",
        "eval_not_a_series": "Elk cijfer beoordeelt een ander onderdeel (zie ‘Wat is beoordeeld’); lees de staven niet als één reeks over de jaren.",
        "eval_national_note": "Beoordelingen zijn alleen landelijk gepubliceerd; het regio- en weekfilter gelden hier niet.",
        "col_edition": "Editie",
        "col_measure": "Maat",
        "col_value": "Waarde",
        "col_what_rated": "Wat is beoordeeld",
        "col_rated_by": "Door",
        "col_source": "Bron",
        "col_region": "Regio",
        "col_week": "Week",
        "col_period": "Periode",
        "col_indicator": "Indicator",
        "col_name": "Initiatief",
        "col_organisation": "Organisatie",
        "col_metric": "Cijfer",
        "col_size": "Omvang (zoals gepubliceerd)",
        "eval_missing": "Geen evaluatie gepubliceerd voor: {editions}.",
        "map_boundaries_source": "Natural Earth (provinciegrenzen, publiek domein)",
        "reach_national_note": "Zorg van Nu-cijfers zijn landelijk; het regio- en weekfilter gelden hier niet.",
        "about_col_publisher": "Uitgever",
        "about_col_title": "Titel of omschrijving",
        "about_col_date": "Datum",
        "about_col_contributes": "Wat het bijdraagt",
        "about_col_rows": "Aantal rijen",
        "about_col_metric": "Cijfer",
        "about_col_programme": "Programma",
        "about_col_unit": "Eenheid",
        "about_col_definition": "Definitie",
        "dates_unknown": "data niet vermeld",
        "col_where": "Waar",
        "col_kind": "Soort",
        "measure_cijfer": "cijfer",
        "measure_doet_weer_mee": "doet weer mee",
        "reach_title": "Bereik Zorg van Nu in mensen (logaritmische schaal)",
        "reach_cards_heading": "Alle indicatoren van Zorg van Nu",
        "reach_period_note": "Zorg van Nu rapporteert over een periode, niet per editie. Periode in de bron: {period}.",
        "reach_filter_note": "Het editiefilter geldt hier niet: de cijfers beslaan {period}, geen SZE-editie.",
        "monitor_title": "Context: gebruik van digitale zorg (cijfers bij de e-healthmonitor-thema's)",
        "monitor_axis": "% van de groep",
        "monitor_note": "Elke lijn is een andere maat uit een andere bron; vergelijk ze niet met elkaar.",
        "about_title": "Over de cijfers",
        "about_intro": "Alle cijfers op dit dashboard komen uit openbare bronnen. Ronde getallen staan er zoals ze zijn gepubliceerd (‘bijna’, ‘ruim’, ‘meer dan’). Cijfers met een verschillende definitie worden nooit als één reeks getoond.",
        "about_sources": "Bronnen en wat ze bijdragen",
        "about_discrepancies": "Waar bronnen verschillen",
        "about_no_totals": "Edities zonder gepubliceerde totalen",
        "about_definitions": "Definities van de cijfers",
        "about_loaded": "Dataset geladen op {when}.",
        "demo_banner": "Let op: deze database bevat synthetische demonstratiegegevens (aantal rijen: {n}). Die zijn gemarkeerd en zijn geen gepubliceerde cijfers.",
        "error_generic": "Er ging iets mis bij het ophalen van de cijfers. Probeer het opnieuw; blijft het misgaan, meld het dan aan de beheerder.",
        "error_database": "De database is niet bereikbaar of nog niet gevuld. Start het dashboard met ‘sze-dashboard serve’ of vul de database met ‘sze-dashboard init-db’.",
        "not_found": "Deze pagina bestaat niet.",
        "back_to_dashboard": "Terug naar het dashboard",
        "footer": "Bronnen: Kamerbrieven van VWS, ICT&health en andere openbare bronnen; zie ‘Over de cijfers’.",
        "chart_alt": "Grafiek; dezelfde cijfers staan als tekst eronder.",
    },
}

#: Display names of metrics; the definition itself lives with the data (metrics.csv).
METRIC_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "activiteiten": "Activiteiten",
        "bezoekers": "Bezoekers van activiteiten",
        "deelnemers": "Deelnemers aan activiteiten",
        "regionale_bijeenkomsten": "Regionale bijeenkomsten",
        "deelsessies": "Deelsessies",
        "deelsessies_per_bijeenkomst": "Deelsessies per regionale bijeenkomst",
        "werkbezoeken": "Werkbezoeken vanuit VWS",
        "initiatieven_opening": "Initiatieven op de landelijke opening",
        "initiatieven_afsluiting": "Initiatieven op de landelijke afsluiting",
        "activiteiten_ehw": "Activiteiten (e-healthweek)",
        "evenementen": "Evenementen (e-healthweek)",
        "partners": "Partnerorganisaties (e-healthweek)",
        "bezoekers_ehw": "Bezoekers (e-healthweek, schatting)",
    }
}

INDICATOR_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "elearning_deelnemers": "Deelnemers e-learning slimme zorg (zorgprofessionals)",
        "wegwijzers_aandoeningen": "Aandoeningen met een online wegwijzer",
        "social_media_weergaven": "Weergaven van berichten op social media",
        "patienten_via_huisarts": "Patiënten bereikt via huisartsenpraktijken",
        "ouderen_langer_thuis": "Ouderen bereikt met mogelijkheden om langer thuis te wonen",
        "verhalen_gedeeld": "Gedeelde ervaringsverhalen",
        "website_oplossingen": "Oplossingen op de website van Zorg van Nu",
        "beeldbellen_zorgverleners": "Zorgverleners die beeldbellen",
        "huisartsen_patientenportaal": "Huisartsenpraktijken met patiëntenportaal",
        "beeldbellen_huisartsen_specialisten": "Huisartsen en specialisten die beeldbellen",
        "huisartsen_econsult": "Huisartsen die e-consult gebruiken",
    }
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for ``key`` in ``lang`` (falling back to Dutch), with ``values`` filled in."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANG])
    template = table.get(key, TEXTS[DEFAULT_LANG][key])
    return template.format(**values) if values else template


def metric_label(metric: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a metric; the code itself if no label is known yet."""
    return METRIC_LABELS.get(lang, METRIC_LABELS[DEFAULT_LANG]).get(metric, metric.replace("_", " "))


def indicator_label(indicator: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a Zorg van Nu or e-healthmonitor indicator."""
    return INDICATOR_LABELS.get(lang, INDICATOR_LABELS[DEFAULT_LANG]).get(indicator, indicator.replace("_", " "))
