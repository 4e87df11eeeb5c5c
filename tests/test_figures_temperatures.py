"""What a temperature is a reading of: the day's heat said many ways is one measure; readings
of something else, plans and forecasts, and differences are set apart, and shown only when
asked. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract
from retrieval.figures.model import FigureGroup

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _texts(group: FigureGroup) -> set[str]:
    return {v.text for v in group.values}


def _names(sentence: str) -> dict[str, str]:
    return {m.value.text: m.measure.name for m in extract(_hits(sentence))}


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        (
            "The temperature in the city centre reached 34C shortly after midday.",
            "34C",
            "temperature",
        ),
        ("A sensor on the embankment recorded an air temperature of 36C.", "36C", "temperature"),
        ("The weather station recorded 35 degrees at noon.", "35 degrees", "temperature"),
        ("Temperatures passed 30C by eleven.", "30C", "temperature"),
        # another reading than the day's
        ("Indoor temperature loggers showed flats reaching 38C.", "38C", "indoor temperature"),
        ("The water temperature was 22C.", "22C", "water temperature"),
        # a plan or a forecast
        ("The plan was prepared against a forecast of 29C.", "29C", "forecast temperature"),
        (
            "The organisers had planned for a top temperature of 29 degrees.",
            "29 degrees",
            "forecast temperature",
        ),
        ("It was far above the 29C the organisers had planned for.", "29C", "forecast temperature"),
        # a reading of before, or of another kind than the day's highest
        ("The previous regional record of 37.8C was set in 2006.", "37.8C", "earlier temperature"),
        ("The overnight minimum did not fall below 20C.", "below 20C", "minimum temperature"),
        ("It had not fallen below 24C overnight.", "below 24C", "minimum temperature"),
        ("The regional mean temperature exceeded 24C.", "exceeded 24C", "mean temperature"),
        ("Daily maximum temperatures exceeded 30C.", "exceeded 30C", "temperature"),
        # a difference is no reading
        ("It was five degrees higher than expected.", "five degrees", "temperature difference"),
    ],
)
def test_what_a_temperature_is_a_reading_of(sentence: str, figure: str, name: str) -> None:
    assert _names(sentence)[figure] == name


def test_the_day_s_readings_lead_without_the_forecast_or_the_difference() -> None:
    hits = _hits(
        "The temperature in the city centre reached 34C shortly after midday, five degrees "
        "higher than the 29C the organisers had planned for.",
        "Our own weather station recorded 35 degrees at noon.",
        "A council sensor recorded an air temperature of 36C at 12.",
    )
    report = analyze("What was the hottest temperature measured during the race?", hits)
    assert _texts(report.groups[0]) == {"34C", "35 degrees", "36C"}
    assert report.groups[0].status == "differ"
    forecast = analyze("What temperature had the organisers planned for?", hits)
    assert _texts(forecast.groups[0]) == {"29C"}


def test_a_reading_set_apart_leads_only_when_asked() -> None:
    hits = _hits(
        "The regional mean temperature over the fortnight was 24C.",
        "Temperatures reached 39.4C at Kelderby on Saturday, the highest ever recorded.",
        "Indoor temperatures in older wards reached 31C.",
    )
    highest = analyze("What was the highest temperature recorded?", hits)
    assert _texts(highest.groups[0]) == {"39.4C"}
    mean = analyze("What was the mean temperature over the fortnight?", hits)
    assert _texts(mean.groups[0]) == {"24C"}
    indoor = analyze("How hot did it get indoors in the wards?", hits)
    assert _texts(indoor.groups[0]) != {"24C"}
