"""What events are about, in az, en, ru and uz: the documents signed (kinds of data/) and the sectors named
(sector ids of data/), as regexes over the folded text (:func:`kg.extract.lexicon.fold`)."""

from __future__ import annotations

from kg.extract.lexicon import A, W

DOCUMENTS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("memorandum-of-understanding", r"memorand" + W),
        ("treaty", r"treat(?:y|ies)\b"),
        ("action-plan", r"action plan|roadmap|road map"),
        ("protocol", r"protocol" + W),
        ("joint-statement", r"joint (?:statement|declaration|communiqu)" + W),
        ("agreement", r"agreements?\b"),
        ("document", r"declaration\b|programme\b|documents?\b"),
    ],
    "az": [
        ("memorandum-of-understanding", r"memorandum" + W),
        ("treaty", r"müqavilə" + W),
        ("action-plan", r"fəaliyyət plan" + W + r"|yol xəritə" + W),
        ("protocol", r"protokol" + W),
        ("joint-statement", r"birgə bəyannamə" + W + r"|birgə bəyanat" + W),
        ("agreement", r"saziş" + W),
        ("document", r"bəyannamə" + W + r"|proqram" + W + r"|sənəd" + W),
    ],
    "ru": [
        ("memorandum-of-understanding", r"меморандум" + W),
        ("treaty", r"договор" + W),
        ("action-plan", r"план\w* действий|дорожн\w* карт" + W),
        ("protocol", r"протокол" + W),
        ("joint-statement", r"совместн\w* (?:заявлени|декларац|коммюнике)" + W),
        ("agreement", r"соглашени" + W),
        ("document", r"декларац" + W + r"|программ" + W + r"|документ" + W),
    ],
    "uz": [
        ("memorandum-of-understanding", r"memorandum" + W + r"|меморандум" + W),
        ("treaty", r"shartnoma" + W + r"|шартнома" + W),
        ("action-plan", r"harakatlar rejasi|ҳаракатлар режаси|yo" + A + r"l xaritasi|йўл харитаси"),
        ("protocol", r"protokol" + W + r"|протокол" + W),
        ("joint-statement", r"qo" + A + r"shma bayonot" + W + r"|қўшма баёнот" + W),
        ("agreement", r"kelishuv" + W + r"|келишув" + W + r"|bitim" + W + r"|битим" + W),
        ("document", r"deklaratsiya" + W + r"|декларация" + W + r"|hujjat" + W + r"|ҳужжат" + W),
    ],
}

# Sector words (stems in all four languages) to the sector ids of data/.
SECTORS: dict[str, str] = {
    "labour": r"labour|labor|əmək\b|əmək nazir\w*|труд\w*|mehnat\w*|меҳнат\w*",
    "employment": r"employment|jobs?\b|jobseek\w*|məşğulluq\w*|занятост\w*|bandlik\w*|бандлик\w*",
    "social-protection": r"social protection|pension\w*|sosial müdafiə\w*|социальн\w* защит\w*|пенси\w*|"
    r"ijtimoiy himoya|ижтимоий ҳимоя|ijtimoiy muhofaza|ижтимоий муҳофаза",
    "migration": r"migra\w*|миграц\w*|migratsiya\w*|миграция\w*|мигра\w*",
    "trade": r"\btrade\b|ticarət\w*|торгов\w*|savdo\w*|савдо\w*|business\b|biznes\w*|бизнес\w*|ishbilarmon\w*",
    "transport": r"transport\w*|транспорт\w*|freight|logistic\w*|логисти\w*|road\b|avtomobil yol\w*|corridor\w*|"
    r"коридор\w*|dəhliz\w*|airline\w*|авиакомпани\w*",
    "energy": r"energy|energetika|энергет\w*|enerji\w*|энергия\w*|\boil\b|\bgas\b|neft\w*|нефт\w*",
    "economy": r"econom\w*|industrial|iqtisadi\w*|iqtisadiyyat\w*|экономи\w*|промышлен\w*|sanoat\w*|саноат\w*",
    "investment": r"invest\w*|инвест\w*|sərmayə\w*|investitsiya\w*|инвестиция\w*",
    "culture": r"cultur\w*|mədəniyyət\w*|культур\w*|madaniyat\w*|маданият\w*|teatr\w*|театр\w*|theatre\w*",
    "education": r"school\w*|educat\w*|university|məktəb\w*|təhsil\w*|школ\w*|образован\w*|maktab\w*|мактаб\w*|"
    r"ta" + A + r"lim\w*|таълим\w*",
    "poverty-reduction": r"poverty|yoxsulluğ\w*|бедност\w*|kambag" + A + r"allik\w*|камбағаллик\w*",
    "health": r"health|səhiyyə\w*|здравоохран\w*|sog" + A + r"liqni saqlash|соғлиқни сақлаш",
    "security": r"security|təhlükəsizlik\w*|безопасност\w*|xavfsizlik\w*|хавфсизлик\w*",
    "tourism": r"touris\w*|turizm\w*|туризм\w*",
    "agriculture": r"agricult\w*|kənd təsərrüfat\w*|сельск\w* хозяйств\w*|qishloq xo" + A + r"jalig\w*",
    "digital": r"digital|rəqəmsal\w*|цифров\w*|raqamli\w*|рақамли\w*",
    "humanitarian": r"humanitarian|humanitar\w*|гуманитар\w*",
    "youth": r"\byouth\b|gənclər\w*|молод[её]ж\w*|yoshlar\w*|ёшлар\w*",
    "sport": r"\bsport\w*|idman\w*|спорт\w*",
    "defence": r"defen[cs]e|military|müdafiə nazir\w*|оборон\w*|mudofaa\w*|мудофаа\w*",
}
