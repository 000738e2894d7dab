"""Month names, weekdays and relative-date phrases for az, en, ru and uz (Latin and Cyrillic), as regexes.

Each language's ``patterns`` are templates over the placeholders below, with the kind of date they give:
``abs`` (year, month, day from the groups ``y``, ``m``/``mn``, ``d``; a missing year comes from the
publication date), ``day``/``week``/``month``/``year`` (that many units from the publication date),
``weekday`` (0: on or before the publication day, -1: strictly before, 1: strictly after),
``month_of_year`` (the month ``m`` of the publication year plus ``offset``), ``month_prev``/``month_next``
(the nearest such month strictly before / after the publication month).

Placeholders: {D} day, {M} month (any form), {MF} month (full name, any inflection), {Y} year with an
optional "year" word, {YW} year with the word required, {W} weekday, {N} a count (digits or a number word:
the unit's offset is multiplied by it, "two weeks ago" is the week two weeks back).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.translit import APOSTROPHES

A = f"[{APOSTROPHES}]"


@dataclass(frozen=True)
class LangTable:
    months: tuple[tuple[int, str, str], ...]  # number, full name (regex), abbreviation (regex or "")
    month_suffix: str  # case endings a month name may carry
    weekdays: tuple[tuple[int, str], ...]  # 0 is Monday
    day: str
    year: str
    year_word: str
    numbers: tuple[tuple[int, str], ...]  # number words for "two days ago"
    patterns: tuple[tuple[str, str, int], ...]  # template, kind, offset


_TO = r"\s*[–—-]\s*(?P<d2>[0-3]?\d)(?!\d)"  # the last day of a range: 14–15 October

_NUMERIC: tuple[tuple[str, str, int], ...] = (
    (r"(?P<y>\d{4})-(?P<mn>[01]?\d)-(?P<d>[0-3]?\d)", "abs", 0),
    (r"(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>\d{4})", "abs", 0),
)

EN = LangTable(
    months=(
        (1, "january", r"jan\.?"),
        (2, "february", r"feb\.?"),
        (3, "march", r"mar\.?"),
        (4, "april", r"apr\.?"),
        (5, "may", ""),
        (6, "june", r"jun\.?"),
        (7, "july", r"jul\.?"),
        (8, "august", r"aug\.?"),
        (9, "september", r"sept?\.?"),
        (10, "october", r"oct\.?"),
        (11, "november", r"nov\.?"),
        (12, "december", r"dec\.?"),
    ),
    month_suffix="",
    weekdays=(
        (0, "monday"),
        (1, "tuesday"),
        (2, "wednesday"),
        (3, "thursday"),
        (4, "friday"),
        (5, "saturday"),
        (6, "sunday"),
    ),
    day=r"(?P<d>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?",
    year=r"(?P<y>\d{4})",
    year_word=r"(?P<y>\d{4})",
    numbers=(
        (1, "an?|one"),
        (2, "two"),
        (3, "three"),
        (4, "four"),
        (5, "five"),
        (6, "six"),
        (7, "seven"),
        (8, "eight"),
        (9, "nine"),
        (10, "ten"),
    ),
    patterns=(
        *_NUMERIC,
        (r"{D}(?:\s+of)?\s+{M},?\s+{Y}", "abs", 0),
        (r"{D}" + _TO + r"(?:st|nd|rd|th)?\s+{M},?\s+{Y}", "abs", 0),
        (r"{D}" + _TO + r"(?:st|nd|rd|th)?\s+{M}", "abs", 0),
        (r"{M}\s+{D}" + _TO + r",?\s+{Y}", "abs", 0),
        (r"{M}\s+{D}" + _TO, "abs", 0),
        (r"{M}\s+{D},?\s+{Y}", "abs", 0),
        (r"{M},?\s+{Y}", "abs", 0),
        (r"{M}\s+{D}", "abs", 0),
        (r"{D}(?:\s+of)?\s+{M}", "abs", 0),
        (r"(?:in|during|early|late|mid-?)\s*{Y}", "abs", 0),
        (
            r"(?:the\s+)?(?:spring|summer|autumn|fall|winter|end|beginning|start|first\s+half|second\s+half)\s+of\s+{Y}",
            "abs",
            0,
        ),
        (r"{N}\s+days?\s+ago", "day", -1),
        (r"{N}\s+weeks?\s+ago", "week", -1),
        (r"{N}\s+months?\s+ago", "month", -1),
        (r"{N}\s+years?\s+ago", "year", -1),
        (
            r"(?:in|for|by|until|till|since|from|through|throughout|during)\s+(?:early\s+|late\s+|mid-?)?{MF}",
            "month_of_year",
            0,
        ),
        (r"{MF}\s+last\s+year", "month_of_year", -1),
        (r"last\s+{MF}", "month_prev", 0),
        (r"next\s+{MF}", "month_next", 0),
        (r"the\s+day\s+before\s+yesterday", "day", -2),
        (r"yesterday", "day", -1),
        (r"today", "day", 0),
        (r"tomorrow", "day", 1),
        (r"the\s+day\s+before|the\s+previous\s+day|a\s+day\s+earlier", "day", -1),
        (r"last\s+week|the\s+previous\s+week", "week", -1),
        (r"(?:earlier\s+)?this\s+week", "week", 0),
        (r"next\s+week", "week", 1),
        (r"last\s+month|the\s+previous\s+month", "month", -1),
        (r"(?:earlier\s+)?this\s+month", "month", 0),
        (r"next\s+month", "month", 1),
        (r"last\s+year|the\s+previous\s+year", "year", -1),
        (r"(?:earlier\s+)?this\s+year", "year", 0),
        (r"next\s+year", "year", 1),
        (r"on\s+{W}", "weekday", 0),
        (r"last\s+{W}", "weekday", -1),
        (r"next\s+{W}", "weekday", 1),
    ),
)

_RU_CASES = r"(?:ь|я|е|ём|ем|ю)"
RU = LangTable(
    months=(
        (1, "январ" + _RU_CASES, r"янв\.?"),
        (2, "феврал" + _RU_CASES, r"февр?\.?"),
        (3, r"март(?:а|е|ом|у)?", r"мар\.?"),
        (4, "апрел" + _RU_CASES, r"апр\.?"),
        (5, r"ма(?:й|я|е|ем|ю)", ""),
        (6, "июн" + _RU_CASES, r"июн\.?"),
        (7, "июл" + _RU_CASES, r"июл\.?"),
        (8, r"август(?:а|е|ом|у)?", r"авг\.?"),
        (9, "сентябр" + _RU_CASES, r"сент?\.?"),
        (10, "октябр" + _RU_CASES, r"окт\.?"),
        (11, "ноябр" + _RU_CASES, r"нояб?\.?"),
        (12, "декабр" + _RU_CASES, r"дек\.?"),
    ),
    month_suffix="",
    weekdays=(
        (0, "понедельник"),
        (1, "вторник"),
        (2, "сред[уа]"),
        (3, "четверг"),
        (4, "пятниц[уа]"),
        (5, "суббот[уа]"),
        (6, "воскресенье"),
    ),
    day=r"(?P<d>[0-3]?\d)(?!\d)(?:-?го)?",
    year=r"(?P<y>\d{4})(?:\s*-?м)?(?:\s*(?:года|году|год|г\.))?",
    year_word=r"(?P<y>\d{4})(?:\s*-?м)?\s*(?:года|году|год|г\.)",
    numbers=(
        (1, "один|одну"),
        (2, "два|две"),
        (3, "три"),
        (4, "четыре"),
        (5, "пять"),
        (6, "шесть"),
        (7, "семь"),
        (8, "восемь"),
        (9, "девять"),
        (10, "десять"),
    ),
    patterns=(
        *_NUMERIC,
        (r"{D}\s+{M},?\s+{Y}", "abs", 0),
        (r"{D}" + _TO + r"\s+{M}(?:,?\s+{Y})?", "abs", 0),
        (r"(?:в\s+)?{M}\s+{Y}", "abs", 0),
        (r"(?:во?\s+)?{YW}", "abs", 0),
        (r"{D}\s+{M}", "abs", 0),
        (r"в\s+{MF}", "month_of_year", 0),
        (r"(?:в\s+)?(?:конце|начале|середине)\s+{MF}(?:\s+{Y})?", "abs", 0),
        (r"(?:{N}\s+)?(?:день|дня|дней)\s+назад", "day", -1),
        (r"(?:{N}\s+)?(?:неделю|недели|недель)\s+назад", "week", -1),
        (r"(?:{N}\s+)?(?:месяц|месяца|месяцев)\s+назад", "month", -1),
        (r"(?:{N}\s+)?(?:год|года|лет)\s+назад", "year", -1),
        (r"(?:в\s+)?{MF}\s+(?:прошлого|минувшего)\s+года", "month_of_year", -1),
        (r"(?:в\s+)?{MF}\s+(?:этого|текущего|нынешнего)\s+года", "month_of_year", 0),
        (r"(?:в\s+)?{MF}\s+(?:следующего|будущего)\s+года", "month_of_year", 1),
        (r"в\s+(?:прошлом|минувшем)\s+{MF}", "month_prev", 0),
        (r"в\s+(?:следующем|будущем)\s+{MF}", "month_next", 0),
        (r"позавчера", "day", -2),
        (r"вчера|накануне|дн[её]м\s+ранее", "day", -1),
        (r"сегодня", "day", 0),
        (r"завтра", "day", 1),
        (r"на\s+(?:прошлой|минувшей|предыдущей)\s+неделе", "week", -1),
        (r"на\s+этой\s+неделе", "week", 0),
        (r"на\s+(?:следующей|будущей)\s+неделе", "week", 1),
        (r"в\s+(?:прошлом|минувшем|предыдущем)\s+месяце", "month", -1),
        (r"в\s+этом\s+месяце", "month", 0),
        (r"в\s+(?:следующем|будущем)\s+месяце", "month", 1),
        (r"в\s+(?:прошлом|минувшем|предыдущем)\s+году", "year", -1),
        (r"в\s+(?:этом|текущем|нынешнем)\s+году", "year", 0),
        (r"в\s+(?:следующем|будущем)\s+году", "year", 1),
        (r"во?\s+{W}", "weekday", 0),
        (r"во?\s+(?:прошл|минувш)(?:ую|ый|ое)\s+{W}", "weekday", -1),
        (r"во?\s+(?:следующ|ближайш)(?:ую|ий|ее)\s+{W}", "weekday", 1),
    ),
)

_AZ_MONTH_WORD = r"(?:\s+ay(?:ında|ına|ının|ından|ı|ın|da|a))?"
AZ = LangTable(
    months=(
        (1, "yanvar", ""),
        (2, "fevral", ""),
        (3, "mart", ""),
        (4, "aprel", ""),
        (5, "may", ""),
        (6, "iyun", ""),
        (7, "iyul", ""),
        (8, "avqust", ""),
        (9, "sentyabr", ""),
        (10, "oktyabr", ""),
        (11, "noyabr", ""),
        (12, "dekabr", ""),
    ),
    # genitive (avqustun), locative (avqustda), dative (avqusta), ablative (avqustdan), "until" (avqustadək)
    month_suffix=r"(?:[ıiuü]n(?:[dt][aə])?|n[ıiuü]n|[dt][aə]n?|[aə](?:d[aə]k)?|[ıiuü])?",
    weekdays=(
        (0, r"bazar\s+ertəsi"),
        (1, r"çərşənbə\s+axşamı"),
        (2, "çərşənbə"),
        (3, r"cümə\s+axşamı"),
        (4, "cümə"),
        (5, "şənbə"),
        (6, "bazar"),
    ),
    day=r"(?P<d>[0-3]?\d)(?!\d)(?:-?(?:[dt][aə]n?|[ıiuü]nc[ıiuü]|c[ıiuü]|s[ıiuü]|d[aə]k|n[aə]|y[aə]))?",
    year=r"(?P<y>\d{4})(?:\s*-\s*(?:c[ıiuü]|[ıiuü]nc[ıiuü]))?(?:\s+il(?:in|də|i|dən|ində|inin)?)?",
    year_word=r"(?P<y>\d{4})(?:\s*-\s*(?:c[ıiuü]|[ıiuü]nc[ıiuü]))?\s+il(?:in|də|i|dən|ində|inin)?",
    numbers=(
        (1, "bir"),
        (2, "iki"),
        (3, "üç"),
        (4, "dörd"),
        (5, "beş"),
        (6, "altı"),
        (7, "yeddi"),
        (8, "səkkiz"),
        (9, "doqquz"),
        (10, "on"),
    ),
    patterns=(
        *_NUMERIC,
        (r"{D}\s+{M},?\s+{Y}(?:\s+tarixində)?", "abs", 0),
        (r"{D}" + _TO + r"\s+{M}(?:,?\s+{Y})?(?:\s+tarixlərində)?", "abs", 0),
        (r"{Y},?\s+{D}\s+{M}", "abs", 0),
        (r"{Y},?\s+{M}\s+{D}", "abs", 0),
        # "avqustun 22-23-də": the month first, the range's last day carries the case ending
        (r"(?:{Y},?\s+)?{M}\s+(?P<d>[0-3]?\d)" + _TO + r"(?:-?(?:[dt][aə]n?|d[aə]k))?", "abs", 0),
        (r"{YW}\s+{MF}" + _AZ_MONTH_WORD, "abs", 0),
        (r"{M}\s+{Y}", "abs", 0),
        (r"{YW}", "abs", 0),
        (r"{D}\s+{M}", "abs", 0),
        (r"{M}\s+{D}", "abs", 0),
        (r"{MF}\s+ay(?:ında|ına|ının|ından|ı|ın|da|a)", "month_of_year", 0),
        (r"(?:keçən|ötən)\s+ilin\s+{MF}" + _AZ_MONTH_WORD, "month_of_year", -1),
        (r"(?:bu|cari)\s+ilin\s+{MF}" + _AZ_MONTH_WORD, "month_of_year", 0),
        (r"gələn\s+ilin\s+{MF}" + _AZ_MONTH_WORD, "month_of_year", 1),
        (r"(?:keçən|ötən)\s+{MF}", "month_prev", 0),
        (r"{MF}\s+(?:ayının\s+)?(?:sonunda|əvvəlində|ortalarında)", "abs", 0),
        (r"{N}\s+gün\s+(?:əvvəl|öncə)", "day", -1),
        (r"{N}\s+həftə\s+(?:əvvəl|öncə)", "week", -1),
        (r"{N}\s+ay\s+(?:əvvəl|öncə)", "month", -1),
        (r"{N}\s+il\s+(?:əvvəl|öncə)", "year", -1),
        (r"srağagün", "day", -2),
        (r"dünən|bir\s+gün\s+(?:əvvəl|öncə)|əvvəlki\s+gün", "day", -1),
        (r"bu\s*gün", "day", 0),
        (r"(?:keçən|ötən)\s+həftə(?:də|nin)?", "week", -1),
        (r"bu\s+həftə(?:də)?", "week", 0),
        (r"gələn\s+həftə(?:də)?", "week", 1),
        (r"(?:keçən|ötən)\s+ay(?:da|ın)?", "month", -1),
        (r"bu\s+ay(?:da)?", "month", 0),
        (r"gələn\s+ay(?:da)?", "month", 1),
        (r"(?:keçən|ötən)\s+il(?:də|in)?", "year", -1),
        (r"(?:bu|cari)\s+il(?:də|in)?", "year", 0),
        (r"gələn\s+il(?:də|in)?", "year", 1),
        (r"{W}\s+günü", "weekday", 0),
        (r"(?:keçən|ötən)\s+{W}(?:\s+günü)?", "weekday", -1),
        (r"gələn\s+{W}(?:\s+günü)?", "weekday", 1),
    ),
)

_UZ_PAST = f"(?:o{A}tgan|ўтган)"
_UZ_THIS = r"(?:joriy|shu|bu|жорий|шу|бу)"
_UZ_NEXT = r"(?:kelasi|kelgusi|keyingi|келаси|келгуси|кейинги)"
_UZ_YEAR = r"(?:yil|йил)"
_UZ_AGO = r"(?:oldin|avval|ilgari|олдин|аввал|илгари)"
_UZ_MONTH_WORD = r"(?:\s+(?:oyi|ойи)\w*)?"
_UZ_OF_YEAR = _UZ_YEAR + r"(?:ning|нинг)?\s+{MF}" + _UZ_MONTH_WORD
UZ = LangTable(
    months=(
        (1, "yanvar|январь?", ""),
        (2, "fevral|февраль?", ""),
        (3, "mart|март", ""),
        (4, "aprel|апрель?", ""),
        (5, "may|май", ""),
        (6, "iyun|июнь?", ""),
        (7, "iyul|июль?", ""),
        (8, "avgust|август", ""),
        (9, "senty?abr|сентя?брь?", ""),
        (10, "okty?abr|октя?брь?", ""),
        (11, "noyabr|ноябрь?", ""),
        (12, "dekabr|декабрь?", ""),
    ),
    month_suffix=r"(?:da|dan|ga|ning|ni|gacha|dagi|да|дан|га|нинг|ни|гача|даги)?",
    weekdays=(
        (0, "dushanba|душанба"),
        (1, "seshanba|сешанба"),
        (2, "chorshanba|чоршанба"),
        (3, "payshanba|пайшанба"),
        (4, "juma|жума"),
        (5, "shanba|шанба"),
        (6, "yakshanba|якшанба"),
    ),
    day=r"(?P<d>[0-3]?\d)(?!\d)",
    year=r"(?P<y>\d{4})(?:\s*-?\s*" + _UZ_YEAR + r"(?:ning|da|dan|gi|i|нинг|да|дан|ги|и)?)?",
    year_word=r"(?P<y>\d{4})\s*-?\s*" + _UZ_YEAR + r"(?:ning|da|dan|gi|i|нинг|да|дан|ги|и)?",
    numbers=(
        (1, "bir|бир"),
        (2, "ikki|икки"),
        (3, "uch|уч"),
        (4, f"to{A}rt|тўрт"),
        (5, "besh|беш"),
        (6, "olti|олти"),
        (7, "yetti|етти"),
        (8, "sakkiz|саккиз"),
        (9, f"to{A}qqiz|тўққиз"),
        (10, f"o{A}n|ўн"),
    ),
    patterns=(
        *_NUMERIC,
        (r"{D}(?:-|\s+){M},?\s+{Y}(?:\s+(?:kuni|куни))?", "abs", 0),
        (r"{D}" + _TO + r"(?:-|\s+){M}(?:,?\s+{Y})?", "abs", 0),
        (r"{Y},?\s+{D}" + _TO + r"(?:-|\s+){M}", "abs", 0),
        (r"{Y},?\s+{D}(?:-|\s+){M}(?:\s+(?:kuni|куни))?", "abs", 0),
        (r"{Y},?\s+{MF}" + _UZ_MONTH_WORD, "abs", 0),
        (r"{YW}", "abs", 0),
        (r"{D}(?:-|\s+){M}(?:\s+(?:kuni|куни))?", "abs", 0),
        (r"{MF}\s+(?:oyi|ойи)\w*", "month_of_year", 0),
        (_UZ_PAST + r"\s+" + _UZ_OF_YEAR, "month_of_year", -1),
        (_UZ_THIS + r"\s+" + _UZ_OF_YEAR, "month_of_year", 0),
        (_UZ_NEXT + r"\s+" + _UZ_OF_YEAR, "month_of_year", 1),
        (r"kecha|кеча|avvalgi\s+kun|bir\s+kun\s+(?:oldin|avval)|олдинги\s+кун|бир\s+кун\s+олдин", "day", -1),
        (r"bugun|бугун", "day", 0),
        (r"ertaga|эртага", "day", 1),
        (_UZ_PAST + r"\s+(?:hafta|ҳафта)(?:da|да)?", "week", -1),
        (_UZ_THIS + r"\s+(?:hafta|ҳафта)(?:da|да)?", "week", 0),
        (_UZ_NEXT + r"\s+(?:hafta|ҳафта)(?:da|да)?", "week", 1),
        (_UZ_PAST + r"\s+(?:oy|ой)(?:da|да)?", "month", -1),
        (_UZ_THIS + r"\s+(?:oy|ой)(?:da|да)?", "month", 0),
        (_UZ_NEXT + r"\s+(?:oy|ой)(?:da|да)?", "month", 1),
        (_UZ_PAST + r"\s+" + _UZ_YEAR + r"(?:da|i|да|и)?", "year", -1),
        (_UZ_THIS + r"\s+" + _UZ_YEAR + r"(?:da|да)?", "year", 0),
        (_UZ_NEXT + r"\s+" + _UZ_YEAR + r"(?:da|да)?", "year", 1),
        (r"{W}\s+(?:kuni|куни)", "weekday", 0),
        (_UZ_PAST + r"\s+{W}(?:\s+(?:kuni|куни))?", "weekday", -1),
        (r"{N}\s+(?:kun|кун)\s+" + _UZ_AGO, "day", -1),
        (r"{N}\s+(?:hafta|ҳафта)\s+" + _UZ_AGO, "week", -1),
        (r"{N}\s+(?:oy|ой)\s+" + _UZ_AGO, "month", -1),
        (r"{N}\s+" + _UZ_YEAR + r"\s+" + _UZ_AGO, "year", -1),
        (_UZ_NEXT + r"\s+{W}(?:\s+(?:kuni|куни))?", "weekday", 1),
    ),
)

TABLES: dict[str, LangTable] = {"en": EN, "ru": RU, "az": AZ, "uz": UZ}
