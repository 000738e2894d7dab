"""Date mentions in az/en/ru/uz news text; every expected value below was worked out by hand.

Publication dates used: P = 2024-03-15 (a Friday), W = 2024-03-13 (a Wednesday), the month 2024-03 and
the year 2024. The week of P runs Monday 2024-03-11 to Sunday 2024-03-17.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import UsageError
from kg.extract.dates import DateRange, find_dates, narrow

P, W, MONTH, YEAR = "2024-03-15", "2024-03-13", "2024-03", "2024"

# (text, published, [(matched text, earliest, latest)]); None bounds: kept, but unresolved
Case = tuple[str, str | None, list[tuple[str, str | None, str | None]]]

EN: list[Case] = [
    ("The ministers met on 22 August 2023 in Baku.", None, [("22 August 2023", "2023-08-22", "2023-08-22")]),
    ("Talks were held on August 22, 2023.", None, [("August 22, 2023", "2023-08-22", "2023-08-22")]),
    ("The accord, signed 2023-08-22, enters into force.", None, [("2023-08-22", "2023-08-22", "2023-08-22")]),
    ("Protocol dated 22.08.2023.", None, [("22.08.2023", "2023-08-22", "2023-08-22")]),
    ("It was signed on the 22nd of August 2023.", None, [("22nd of August 2023", "2023-08-22", "2023-08-22")]),
    ("The memorandum was signed in October 2023.", None, [("October 2023", "2023-10-01", "2023-10-31")]),
    ("The conference took place in 2023.", None, [("in 2023", "2023-01-01", "2023-12-31")]),
    ("They met last October.", P, [("last October", "2023-10-01", "2023-10-31")]),
    # published only as a year: last October seen from 1 January 2024 or from 31 December 2024
    ("They met last October.", YEAR, [("last October", "2023-10-01", "2024-10-31")]),
    ("The delegation arrived yesterday.", P, [("yesterday", "2024-03-14", "2024-03-14")]),
    ("The delegation arrived yesterday.", MONTH, [("yesterday", "2024-02-29", "2024-03-30")]),
    ("The minister spoke on Friday.", P, [("on Friday", "2024-03-15", "2024-03-15")]),
    ("The minister spoke on Friday.", W, [("on Friday", "2024-03-08", "2024-03-08")]),
    ("They will meet again next Friday.", P, [("next Friday", "2024-03-22", "2024-03-22")]),
    ("He had called last Friday.", P, [("last Friday", "2024-03-08", "2024-03-08")]),
    ("Experts gathered last week.", P, [("last week", "2024-03-04", "2024-03-10")]),
    ("The sides agreed to meet next month.", P, [("next month", "2024-04-01", "2024-04-30")]),
    ("The day before, the minister arrived.", P, [("The day before", "2024-03-14", "2024-03-14")]),
    ("A forum is planned in May.", P, [("in May", "2024-05-01", "2024-05-31")]),
    ("They may meet on 5 May 2024.", None, [("5 May 2024", "2024-05-05", "2024-05-05")]),
    ("They met yesterday.", None, [("yesterday", None, None)]),
    ("The talks ended two days ago.", P, [("two days ago", "2024-03-13", "2024-03-13")]),
    ("The plan was announced 3 weeks ago.", P, [("3 weeks ago", "2024-02-19", "2024-02-25")]),
    ("The line opens in the autumn of 2025.", None, [("the autumn of 2025", "2025-01-01", "2025-12-31")]),
    ("A summit is planned for August.", P, [("for August", "2024-08-01", "2024-08-31")]),
]

AZ: list[Case] = [
    (
        "Görüş 22 avqust 2023-cü il tarixində keçirilib.",
        None,
        [("22 avqust 2023-cü il tarixində", "2023-08-22", "2023-08-22")],
    ),
    (
        "Müqavilə 2023-cü ilin avqust ayında imzalanıb.",
        None,
        [("2023-cü ilin avqust ayında", "2023-08-01", "2023-08-31")],
    ),
    ("Konfrans 2023-cü ildə keçirilib.", None, [("2023-cü ildə", "2023-01-01", "2023-12-31")]),
    # the month word in the dative: a visit planned "for March"
    ("Səfər mart ayına planlaşdırılıb.", P, [("mart ayına", "2024-03-01", "2024-03-31")]),
    ("Prezident avqustun 22-23-də səfər edəcək.", P, [("avqustun 22-23-də", "2024-08-22", "2024-08-23")]),
    (
        "Nazirlər 2023-cü il avqustun 22-də görüşüblər.",
        None,
        [("2023-cü il avqustun 22-də", "2023-08-22", "2023-08-22")],
    ),
    ("Nazirlər avqustun 22-də görüşüblər.", "2023", [("avqustun 22-də", "2023-08-22", "2023-08-22")]),
    ("Nazirlər avqustun 22-də görüşüblər.", None, [("avqustun 22-də", None, None)]),
    ("Memorandum keçən ilin oktyabr ayında imzalanıb.", P, [("keçən ilin oktyabr ayında", "2023-10-01", "2023-10-31")]),
    # "last year's October" is the calendar year before, whatever day of 2024 the article appeared
    (
        "Memorandum keçən ilin oktyabr ayında imzalanıb.",
        YEAR,
        [("keçən ilin oktyabr ayında", "2023-10-01", "2023-10-31")],
    ),
    ("Nümayəndə heyəti dünən Bakıya gəlib.", P, [("dünən", "2024-03-14", "2024-03-14")]),
    ("Ekspertlər keçən həftə görüşüblər.", P, [("keçən həftə", "2024-03-04", "2024-03-10")]),
    ("Növbəti görüş gələn ay keçiriləcək.", P, [("gələn ay", "2024-04-01", "2024-04-30")]),
    ("Saziş 2023-08-22 tarixində imzalanıb.", None, [("2023-08-22", "2023-08-22", "2023-08-22")]),
    ("Görüş cümə günü keçirilib.", W, [("cümə günü", "2024-03-08", "2024-03-08")]),
    ("Forum oktyabr ayında keçiriləcək.", YEAR, [("oktyabr ayında", "2024-10-01", "2024-10-31")]),
    ("Ötən il Daşkənddə görüş olub.", P, [("Ötən il", "2023-01-01", "2023-12-31")]),
    ("Sənəd 5 may 2022-ci il tarixində imzalanıb.", None, [("5 may 2022-ci il tarixində", "2022-05-05", "2022-05-05")]),
]

RU: list[Case] = [
    ("Встреча прошла 22 августа 2023 года в Баку.", None, [("22 августа 2023 года", "2023-08-22", "2023-08-22")]),
    ("Меморандум подписан в августе 2023 года.", None, [("в августе 2023 года", "2023-08-01", "2023-08-31")]),
    ("Министры встретились 22 августа.", "2023", [("22 августа", "2023-08-22", "2023-08-22")]),
    ("Конференция прошла в 2023 году.", None, [("в 2023 году", "2023-01-01", "2023-12-31")]),
    ("Соглашение обсуждали в прошлом октябре.", P, [("в прошлом октябре", "2023-10-01", "2023-10-31")]),
    ("Делегация прибыла вчера.", P, [("вчера", "2024-03-14", "2024-03-14")]),
    ("Эксперты встречались на прошлой неделе.", P, [("на прошлой неделе", "2024-03-04", "2024-03-10")]),
    ("Министр выступил в пятницу.", W, [("в пятницу", "2024-03-08", "2024-03-08")]),
    ("Документ подписан в октябре прошлого года.", P, [("в октябре прошлого года", "2023-10-01", "2023-10-31")]),
    ("Следующая встреча пройдёт в следующем месяце.", P, [("в следующем месяце", "2024-04-01", "2024-04-30")]),
    ("Накануне министр провёл переговоры.", P, [("Накануне", "2024-03-14", "2024-03-14")]),
    ("Протокол от 22.08.2023 вступил в силу.", None, [("22.08.2023", "2023-08-22", "2023-08-22")]),
    ("Центр открыли в прошлом году.", P, [("в прошлом году", "2023-01-01", "2023-12-31")]),
    ("Визит состоялся 3 марта.", MONTH, [("3 марта", "2024-03-03", "2024-03-03")]),
    ("Форум пройдёт в мае.", YEAR, [("в мае", "2024-05-01", "2024-05-31")]),
    ("Школа открыта 1 сентября 2022 г.", None, [("1 сентября 2022 г.", "2022-09-01", "2022-09-01")]),
    ("Встреча прошла во вторник.", P, [("во вторник", "2024-03-12", "2024-03-12")]),
    ("Переговоры завершились три дня назад.", P, [("три дня назад", "2024-03-12", "2024-03-12")]),
    # "на конец" is not one of our phrases, but the month and year still are
    ("Визит намечен на конец августа 2023 года.", None, [("августа 2023 года", "2023-08-01", "2023-08-31")]),
    ("Визит состоялся в конце августа 2023 года.", None, [("в конце августа 2023 года", "2023-08-01", "2023-08-31")]),
]

UZ: list[Case] = [
    ("Uchrashuv 22-avgust, 2023 kuni bo'lib o'tdi.", None, [("22-avgust, 2023 kuni", "2023-08-22", "2023-08-22")]),
    ("Shartnoma 2023-yil 22-avgust kuni imzolandi.", None, [("2023-yil 22-avgust kuni", "2023-08-22", "2023-08-22")]),
    ("Memorandum 2023 yil avgust oyida imzolangan.", None, [("2023 yil avgust oyida", "2023-08-01", "2023-08-31")]),
    ("Konferensiya 2023-yilda o'tkazildi.", None, [("2023-yilda", "2023-01-01", "2023-12-31")]),
    # Cyrillic month names end in a soft sign: июнь, сентябрь, октябрь
    ("Ташриф 2022 йил 21 июнь куни бошланди.", None, [("2022 йил 21 июнь куни", "2022-06-21", "2022-06-21")]),
    ("Учрашув 17 сентябрь куни бўлади.", "2024-09-10", [("17 сентябрь куни", "2024-09-17", "2024-09-17")]),
    ("Ўтган йилнинг октябрь ойида имзоланган.", P, [("Ўтган йилнинг октябрь ойида", "2023-10-01", "2023-10-31")]),
    (
        "Hujjat o'tgan yilning oktyabr oyida imzolangan.",
        P,
        [("o'tgan yilning oktyabr oyida", "2023-10-01", "2023-10-31")],
    ),
    ("Delegatsiya kecha Toshkentga keldi.", P, [("kecha", "2024-03-14", "2024-03-14")]),
    ("Ekspertlar o'tgan hafta uchrashdi.", P, [("o'tgan hafta", "2024-03-04", "2024-03-10")]),
    ("Memorandum o'tgan yil oktyabrda imzolangan.", P, [("o'tgan yil oktyabrda", "2023-10-01", "2023-10-31")]),
    ("Vazirlar 22-avgustda uchrashdi.", "2023", [("22-avgustda", "2023-08-22", "2023-08-22")]),
    ("Uchrashuv juma kuni bo'ldi.", W, [("juma kuni", "2024-03-08", "2024-03-08")]),
    ("Keyingi uchrashuv kelasi oy bo'ladi.", P, [("kelasi oy", "2024-04-01", "2024-04-30")]),
    ("Markaz oʻtgan yil ochilgan.", P, [("oʻtgan yil", "2023-01-01", "2023-12-31")]),
    ("Forum avgust oyida o'tkaziladi.", YEAR, [("avgust oyida", "2024-08-01", "2024-08-31")]),
    ("Учрашув 2023 йил 22 август куни бўлиб ўтди.", None, [("2023 йил 22 август куни", "2023-08-22", "2023-08-22")]),
    ("Вазирлар 22 август куни учрашди.", "2023", [("22 август куни", "2023-08-22", "2023-08-22")]),
    ("Ҳужжат ўтган йилнинг октябр ойида имзоланган.", P, [("ўтган йилнинг октябр ойида", "2023-10-01", "2023-10-31")]),
    ("Делегация кеча Тошкентга келди.", P, [("кеча", "2024-03-14", "2024-03-14")]),
    ("Экспертлар ўтган ҳафта учрашди.", P, [("ўтган ҳафта", "2024-03-04", "2024-03-10")]),
    ("Меморандум 2023 йил август ойида имзоланган.", None, [("2023 йил август ойида", "2023-08-01", "2023-08-31")]),
]

CASES = [("en", *c) for c in EN] + [("az", *c) for c in AZ] + [("ru", *c) for c in RU] + [("uz", *c) for c in UZ]


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


@pytest.mark.parametrize(("lang", "text", "published", "expected"), CASES)
def test_find_dates(lang: str, text: str, published: str | None, expected: list[tuple[str, str | None, str | None]]):
    ref = DateRange.parse(published) if published else None
    mentions = find_dates(text, lang, ref)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [(m.text, _iso(m.earliest), _iso(m.latest)) for m in mentions] == expected


@pytest.mark.parametrize("lang", ["en", "az", "ru", "uz"])
def test_at_least_fifteen_cases_per_language(lang: str):
    assert sum(1 for c in CASES if c[0] == lang) >= 15


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        ("en", "The summit on 14–15 October 2019 in Baku.", None, ("14–15 October 2019", "2019-10-14", "2019-10-15")),
        ("en", "Held on October 14-15, 2019.", None, ("October 14-15, 2019", "2019-10-14", "2019-10-15")),
        ("ru", "Саммит 14–15 октября 2019 года.", None, ("14–15 октября 2019 года", "2019-10-14", "2019-10-15")),
        ("az", "Sammit 14-15 oktyabr 2019-cu il tarixlərində.", None,
         ("14-15 oktyabr 2019-cu il tarixlərində", "2019-10-14", "2019-10-15")),
        ("uz", "Sammit 2019-yil 14–15-oktyabr kunlari.", None, ("2019-yil 14–15-oktyabr", "2019-10-14", "2019-10-15")),
        ("uz", "Саммит 14–15 октябр.", "2019-10-06", ("14–15 октябр", "2019-10-14", "2019-10-15")),
        # without a year, a day is the one nearest the publication day: 30 December seen on 13 January
        ("en", "It was decided on 30 December.", "2023-01-13", ("30 December", "2022-12-30", "2022-12-30")),
        ("ru", "Решение принято 30 декабря.", "2023-01-13", ("30 декабря", "2022-12-30", "2022-12-30")),
        # ... an upcoming summit a month ahead is this year's, November seen in March is last year's
        ("en", "The summit is due on 15 October.", "2019-09-16", ("15 October", "2019-10-15", "2019-10-15")),
        ("en", "A forum was held in November.", P, ("in November", "2023-11-01", "2023-11-30")),
        ("az", "Forum noyabr ayında keçirilib.", P, ("noyabr ayında", "2023-11-01", "2023-11-30")),
        # with only the publication year known, the same year
        ("uz", "Forum 30-dekabr kuni bo'ldi.", "2023", ("30-dekabr kuni", "2023-12-30", "2023-12-30")),
    ],
)  # fmt: skip
def test_ranges_and_years_from_the_publication_date(
    lang: str, text: str, published: str | None, expected: tuple[str, str, str]
):
    [m] = find_dates(text, lang, DateRange.parse(published) if published else None)
    assert text[m.start : m.end] == m.text
    assert (m.text, _iso(m.earliest), _iso(m.latest)) == expected


def test_relative_flag_and_precision():
    [absolute, relative] = find_dates("Signed on 22 August 2023, ratified last month.", "en", DateRange.parse(P))
    assert (absolute.relative, absolute.value and absolute.value.precision) == (False, "day")
    assert (relative.relative, relative.value and relative.value.lexical) == (True, "2024-02")
    [week] = find_dates("keçən həftə", "az", DateRange.parse(P))
    assert week.value is not None and (week.value.precision, week.value.lexical, week.date) == ("week", None, None)


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        ("en", "BAKU, Aug 22 (AZERTAC) – The ministers met on 22 August 2023.", "2023",
         [("Aug 22", "2023-08-22", True), ("22 August 2023", "2023-08-22", False)]),
        ("en", "Ministers meet\n\nBAKU, Aug 22 (AZERTAC) – They met yesterday.", "2024-08-22",
         [("Aug 22", "2024-08-22", True), ("yesterday", "2024-08-21", False)]),
        ("ru", "ТАШКЕНТ, 22 авг — Министры встретились вчера.", "2024-08-22",
         [("22 авг", "2024-08-22", True), ("вчера", "2024-08-21", False)]),
        ("uz", "Toshkent, 22-avgust — Vazirlar uchrashdi.", "2024", [("22-avgust", "2024-08-22", True)]),
        ("az", "Bakı, 22 avqust (AZƏRTAC) — Nazirlər görüşüb.", "2024", [("22 avqust", "2024-08-22", True)]),
        ("uz", "Toshkent, 22-avgust /UzA/. Vazirlar uchrashdi.", "2024", [("22-avgust", "2024-08-22", True)]),
        ("ru", "Баку, 22 августа, Trend: Министры встретились.", "2024", [("22 августа", "2024-08-22", True)]),
        # a date inside a sentence is not a dateline, even after a comma
        ("en", "The talks, held on 22 August 2023, went well.", None, [("22 August 2023", "2023-08-22", False)]),
    ],
)  # fmt: skip
def test_datelines(lang: str, text: str, published: str, expected: list[tuple[str, str, bool]]):
    mentions = find_dates(text, lang, DateRange.parse(published) if published else None)
    assert [(m.text, _iso(m.date), m.dateline) for m in mentions] == expected


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "\x00\x01\x02", "31.02.2023", "2023-13-45", "1234567890", "a" * 300_000,
     "Тошкент Toshkent 東京 🙂 ə ў ы", "-/.,:;()" * 1000, "99 August 99999"],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "az", "ru", "uz"])
def test_odd_input_gives_nothing(text: str, lang: str):
    assert find_dates(text, lang, DateRange.parse(P)) == []


def test_unknown_language_and_bad_published_date_are_usage_errors():
    with pytest.raises(UsageError, match="language"):
        find_dates("22 August 2023", "fr")
    with pytest.raises(UsageError, match="published"):
        DateRange.parse("2024-13")


def test_published_precision():
    assert DateRange.parse("2024") == DateRange(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year")
    assert DateRange.parse("2024-02") == DateRange(dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")
    assert DateRange.parse("2024-02").lexical == "2024-02"
    assert DateRange.parse("2023").lexical == "2023"


def test_narrow():
    year = DateRange.parse("2023")
    term = (dt.date(2023, 6, 1), None)  # a minister in office since June 2023
    assert narrow(year, term) == DateRange(dt.date(2023, 6, 1), dt.date(2023, 12, 31), "year")
    assert narrow(year, (dt.date(2024, 1, 1), dt.date(2025, 1, 1))) is None
    assert narrow(year, (None, dt.date(2023, 1, 1))) == DateRange(dt.date(2023, 1, 1), dt.date(2023, 1, 1), "day")
