"""Words that state events, their status and their frame, in az, en, ru and uz (Latin and Cyrillic), as regexes.

Patterns match the folded text (:func:`fold`: lower case, length kept, so spans map back to the article).
``W`` ends a stem: any further letters of the word (inflection). Each trigger says which event kind the word
names; the extractor refines the kind from the words around it (see :mod:`kg.extract.events`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.translit import APOSTROPHES

W = r"\w*"
A = f"[{APOSTROPHES}]?"  # Uzbek oʻ / gʻ, written with any apostrophe or none
B = r"(?<!\w)"  # a word starts here


def fold(text: str) -> str:
    """Lower case, one character for one: ``İ`` becomes ``i`` (str.lower would add a combining dot)."""
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else "i")
    return "".join(out)


@dataclass(frozen=True)
class Trigger:
    kind: str  # an event kind id, or "receive" (a meeting with host and guest)
    pattern: str
    mode: str | None = None  # "video" | "phone"
    verb: bool = False  # a finite verb: the event is stated, not only named


def _t(kind: str, *patterns: str, mode: str | None = None, verb: bool = False) -> list[Trigger]:
    return [Trigger(kind, p, mode, verb) for p in patterns]


TRIGGERS: dict[str, list[Trigger]] = {
    "en": [
        *_t("meeting", r"video[- ]?(?:meeting|conference|call|link)s?", mode="video"),
        *_t(
            "meeting",
            r"(?:tele)?phone (?:call|conversation|talks)|spoke (?:by|on the) (?:tele)?phone|"
            r"phoned|held a (?:tele)?phone",
            mode="phone",
        ),
        *_t(
            "meeting",
            r"met\b",
            r"meets?\b",
            r"meetings?\b",
            r"talks\b",
            r"consultations\b",
            r"negotiations\b",
            r"conversation\b",
        ),
        *_t("receive", r"received\b", r"receives\b", verb=True),
        *_t("visit", r"visit(?:s|ed|ing)?\b", r"arrived\b", r"arrives\b", r"trip\b"),
        *_t("signing", r"sign(?:s|ed|ing)?\b", r"inked\b"),
        *_t("conference", r"conferences?\b", r"congress\b"),
        *_t("summit", r"summits?\b"),
        *_t("business-forum", r"forums?\b"),
        *_t("session", r"sessions?\b", r"sittings?\b"),
        *_t("opening", r"open(?:ed|s|ing)\b", r"inaugurat" + W),
        *_t(
            "statement",
            r"said\b",
            r"told\b",
            r"stated\b",
            r"declared\b",
            r"denied\b",
            r"denies\b",
            r"statement\b",
            r"addressed\b",
            r"delivered (?:a|his|her) speech",
            verb=True,
        ),
        *_t("construction-initiative", r"built\b"),
        *_t("initiative", r"propos(?:ed|al)\b", r"initiative\b", r"suggested\b"),
        *_t("event", r"days of culture", r"joint events?\b", r"festival\b", r"exhibition\b"),
        *_t("ceremony", r"ceremon(?:y|ies)\b"),
    ],
    "az": [
        *_t("meeting", r"video(?:formatda|konfrans|görüş|əlaqə)" + W, mode="video"),
        *_t("meeting", r"telefon(?:la)? (?:danış|söhbət)" + W, mode="phone"),
        *_t("meeting", r"görüş(?!dür)" + W, r"danışıq" + W, r"məsləhətləşmə" + W, r"toplantı" + W, r"müzakirələr" + W),
        *_t("receive", r"qəbul ed" + W, r"qəbul olun" + W, verb=True),
        *_t("visit", r"səfər" + W, r"ziyarət" + W, r"gəlib\b", r"gəldi\b"),
        *_t("signing", r"imza(?:la|lan|ladı|lana)" + W, r"imzalar\b"),
        *_t("conference", r"konfrans" + W, r"qurultay" + W),
        *_t("summit", r"sammit" + W, r"zirvə" + W),
        *_t("business-forum", r"forum" + W),
        *_t("session", r"iclas" + W, r"sessiya" + W),
        *_t("opening", r"açılış" + W, r"açıl(?:ıb|dı|mışdır)\b", r"açıb\b", r"açdı\b", r"açan\b"),
        *_t(
            "statement",
            r"bəyanat" + W,
            r"təkzib ed" + W,
            r"bildirib\b",
            r"deyib\b",
            r"açıqlayıb\b",
            r"söyləyib\b",
            r"çıxış ed" + W,
            verb=True,
        ),
        *_t("construction-initiative", r"inşa" + W, r"tikil" + W),
        *_t("initiative", r"təşəbbüs" + W),
        *_t("event", r"günlərinin\b", r"günləri\b", r"tədbir" + W, r"festival" + W, r"sərgi" + W),
        *_t("ceremony", r"mərasim" + W),
    ],
    "ru": [
        *_t("meeting", r"видео(?:встреч|конференц|связ|формат)" + W, mode="video"),
        *_t("meeting", r"телефонн\w* (?:разговор|переговор)" + W, r"по телефону", mode="phone"),
        *_t(
            "meeting",
            r"встре(?:ча|чи|чу|чей|чах|тил|тились|тятся|тится|титься)" + W,
            r"переговор" + W,
            r"консультаци" + W,
            r"беседа" + W,
            r"беседу\b",
        ),
        *_t("receive", r"принял[аи]?\b(?! участие)", r"принимал[аи]?\b(?! участие)", verb=True),
        *_t("visit", r"визит" + W, r"посет" + W, r"посещени" + W, r"прибыл" + W, r"поездк" + W),
        *_t("signing", r"подпис(?:ал|ан|ыва|ани|ат|ыв)" + W, r"подпишут\b"),
        *_t("conference", r"конференци" + W, r"съезд" + W),
        *_t("summit", r"саммит" + W),
        *_t("business-forum", r"форум" + W),
        *_t("session", r"заседани" + W, r"сесси" + W),
        *_t("opening", r"открыти" + W, r"открыл" + W, r"открыт[аоы]?\b", r"открывает" + W),
        *_t(
            "statement",
            r"заявил" + W,
            r"заявлени" + W,
            r"опроверг" + W,
            r"сообщил(?=\w* журналист)" + W,
            r"выступил" + W,
            verb=True,
        ),
        *_t("construction-initiative", r"построен" + W, r"постро(?:ил|ена|ен)" + W),
        *_t("initiative", r"инициатив" + W),
        *_t("event", r"дни культуры", r"мероприяти" + W, r"фестивал" + W, r"выставк" + W),
        *_t("ceremony", r"церемони" + W),
    ],
    "uz": [
        *_t(
            "meeting",
            r"video(?:aloqa|konferen|uchrash|format)" + W,
            r"видео(?:алоқа|конферен|учраш|формат)" + W,
            mode="video",
        ),
        *_t("meeting", r"telefon orqali", r"телефон орқали", mode="phone"),
        *_t(
            "meeting",
            r"uchrash" + W,
            r"учраш" + W,
            r"muzokara" + W,
            r"музокара" + W,
            r"suhbat" + W,
            r"суҳбат" + W,
            r"muloqot" + W,
            r"мулоқот" + W,
            r"maslahatlash" + W,
            r"маслаҳатлаш" + W,
        ),
        *_t("receive", r"qabul qil" + W, r"қабул қил" + W, verb=True),
        *_t("visit", r"tashrif" + W, r"ташриф" + W, r"safar" + W, r"сафар" + W, r"keldi\b", r"келди\b"),
        *_t("signing", r"imzol" + W, r"имзол" + W),
        *_t("conference", r"konferensiya" + W, r"конференция" + W, r"anjuman" + W, r"анжуман" + W),
        *_t("summit", r"sammit" + W, r"саммит" + W),
        *_t("business-forum", r"forum" + W, r"форум" + W),
        *_t(
            "session",
            r"majlis" + W,
            r"мажлис" + W,
            r"yig" + A + r"ilish" + W,
            r"йиғилиш" + W,
            r"sessiya" + W,
            r"сессия" + W,
        ),
        *_t("opening", r"ochil" + W, r"очил" + W, r"ochilish" + W, r"очилиш" + W),
        *_t(
            "statement",
            r"bayonot" + W,
            r"баёнот" + W,
            r"rad et" + W,
            r"рад эт" + W,
            r"ma" + A + r"lum qildi\b",
            r"маълум қилди\b",
            r"ma" + A + r"lum qilgan\b",
            r"nutq so" + A + r"zla" + W,
            r"нутқ сўзла" + W,
            verb=True,
        ),
        *_t("construction-initiative", r"quril" + W, r"қурил" + W),
        *_t("initiative", r"tashabbus" + W, r"ташаббус" + W),
        *_t("event", r"madaniyat kunlari" + W, r"маданият кунлари" + W, r"tadbir" + W, r"тадбир" + W),
        *_t("ceremony", r"marosim" + W, r"маросим" + W),
    ],
}

# Words that look like events and are not diplomatic events of their own (the press conference after talks).
NOT_EVENTS = (
    r"(?:joint )?(?:press|news) conference\w*|пресс-конференц\w*|(?:birgə )?mətbuat konfrans\w*|"
    r"matbuot anjuman\w*|матбуот анжуман\w*|matbuot konferensiya\w*|брифинг\w*|briefing\w*|brifing\w*"
)

# Status cues. Each attaches to the nearest event word of its sentence; the strongest wins.
STATUS_ORDER = ("denied", "cancelled", "postponed", "proposed", "planned")
STATUS_CUES: dict[str, dict[str, list[str]]] = {
    "en": {
        "planned": [
            r"will\b",
            r"to host\b",
            r"to be held\b",
            r"scheduled\b",
            r"planned\b",
            r"plans?\b",
            r"is expected\b",
            r"are expected\b",
            r"agreed to\b",
            r"prepar" + W,
            r"invit(?:ed|es|ing|e)\b",  # the verb: "at the invitation of" names the host, it plans nothing
            r"upcoming\b",
            r"was to\b",
            r"would\b",
            r"to pay\b",
        ],
        "postponed": [r"postpon" + W, r"put off\b", r"delayed\b", r"rescheduled\b", r"moved to\b"],
        "cancelled": [r"cancel" + W, r"called off\b", r"scrapped\b"],
        "denied": [
            r"denied\b",
            r"denies\b",
            r"no such \w+ (?:took place|was signed|happened)",
            r"did not take place",
            r"never took place",
        ],
        "proposed": [r"propos(?:ed|es|ing|e)\b", r"suggested\b", r"called for\b"],
    },
    "az": {
        "planned": [
            r"\w+(?:acaq|əcək)" + W,
            r"planlaşdır" + W,
            r"nəzərdə tut" + W,
            r"razılaşdırıl" + W,
            r"dəvət ed" + W,
            r"dəvət olun" + W,
            r"gələcəkdə\b",
            r"gələn\b",
            r"hazırlıq" + W,
            r"gözlənilir\b",
        ],
        "postponed": [r"təxirə sal" + W, r"başqa vaxta keçiril" + W],
        "cancelled": [r"ləğv ed" + W, r"ləğv olun" + W],
        "denied": [r"təkzib" + W, r"keçirilməyib\b", r"olmayıb\b", r"imzalanmayıb\b", r"baş tutmayıb\b"],
        "proposed": [r"təklif ed" + W, r"təklif et" + W, r"təklifini irəli sür" + W],
    },
    "ru": {
        "planned": [
            r"посетит\b",
            r"посетят\b",
            r"пройд[её]т\b",
            r"состоится\b",
            r"состоятся\b",
            r"будет\b",
            r"будут\b",
            r"намечен" + W,
            r"планиру" + W,
            r"запланирован" + W,
            r"приглас(?:ил|или|ила|ят|ит)" + W,
            r"приглаш(?:ен|ён|а[ею]т)" + W,
            r"договорились\b",
            r"ожида" + W,
            r"предстоящ" + W,
            r"подготовк" + W,
            r"проведут\b",
            r"подпишут\b",
            r"прибудет\b",
        ],
        "postponed": [r"перенес" + W, r"перенос" + W, r"отложен" + W],
        "cancelled": [r"отмен" + W],
        "denied": [r"опроверг" + W, r"не подписывал" + W, r"не состоял" + W, r"не проводил" + W, r"не было\b"],
        "proposed": [r"предлож(?:ил|ила|или|ено|ат|ит)" + W, r"предлага" + W, r"призвал\w* провести"],
    },
    "uz": {
        "planned": [
            r"rejalashtiril" + W,
            r"режалаштирил" + W,
            r"bo" + A + r"ladigan\b",
            r"бўладиган\b",
            r"o" + A + r"tkaziladi\b",
            r"ўтказилади\b",
            r"ishtirok etadi\b",
            r"иштирок этади\b",
            r"davom etadi\b",
            r"давом этади\b",
            r"tashrif buyuradi\b",
            r"ташриф буюради\b",
            r"keladi\b",
            r"келади\b",
            r"kutilmoqda\b",
            r"кутилмоқда\b",
            r"kelgusi\b",
            r"келгуси\b",
            r"imzolanadi\b",
            r"имзоланади\b",
            r"o" + A + r"tkaziladigan\b",
            r"ўтказиладиган\b",
            r"bo" + A + r"lajak\b",
            r"бўлажак\b",
            r"rejalashtirilayotgan\b",
            # the present-future in -adi/-aydi ("qatnashadi", "bo'lib o'tadi"); the past is -di ("uchrashdi")
            r"\w+(?:adi|ади|aydi|айди)(?:lar|лар)?\b",
        ],
        "postponed": [r"keyinga qoldiril" + W, r"кейинга қолдирил" + W],
        "cancelled": [r"bekor qilin" + W, r"бекор қилин" + W],
        "denied": [r"rad et" + W, r"рад эт" + W, r"imzolanmagan\b", r"имзоланмаган\b"],
        "proposed": [r"taklif qil" + W, r"таклиф қил" + W, r"taklif etdi\b", r"таклиф этди\b"],
    },
}

# A sentence that only talks about an event (noted, stressed, discussed, recalled): the event is background.
FRAME_CUES: dict[str, list[str]] = {
    "en": [
        r"recalled\b",
        r"recalling\b",
        r"noted\b",
        r"stressed\b",
        r"underlined\b",
        r"previous\b",
        r"earlier\b",
        r"had (?:been )?\w+ed\b",
        r"last year\b",
        r"expressed (?:his |her |their )?(?:gratitude|thanks|satisfaction)",
        r"thanked\b",
        r"acknowledg" + W,
        r"praised\b",
        r"hailed\b",
        r"lauded\b",
        r"informed\b",
        r"briefed\b",
        r"congratulat" + W,
        r"provided (?:\w+ ){0,4}(?:with )?(?:\w+ ){0,2}information",
    ],
    "az": [
        r"qeyd edil" + W,
        r"qeyd olun" + W,
        r"vurğulan" + W,
        r"bildiril" + W,
        r"diqqətə çatdırıl" + W,
        r"xatırla" + W,
        r"əvvəlki\b",
        r"ötən dövrdə\b",
        r"təşəkkür" + W,
        r"minnətdarlıq" + W,
        r"yüksək qiymətləndir" + W,
        r"məlumat ver" + W,
        r"təbrik" + W,
    ],
    "ru": [
        r"отметил\w*",
        r"отмечен" + W,
        r"подчеркн" + W,
        r"напомн" + W,
        r"ранее\b",
        r"предыдущ" + W,
        r"поблагодари" + W,
        r"благодарност" + W,
        r"высоко оцени" + W,
        r"проинформирова" + W,
        r"поздрав" + W,
    ],
    "uz": [
        r"qayd etil" + W,
        r"қайд этил" + W,
        r"ta" + A + r"kidlan" + W,
        r"таъкидлан" + W,
        r"eslatib" + W,
        r"эслатиб" + W,
        r"ko" + A + r"rib chiqil" + W,
        r"кўриб чиқил" + W,
        r"oldingi\b",
        r"олдинги\b",
        r"o" + A + r"tgan edi\b",
        r"ўтган эди\b",
        r"minnatdorchilik" + W,
        r"миннатдорчилик" + W,
        r"yuqori baho" + W,
        r"юқори баҳо" + W,
        r"ma" + A + r"lumot ber" + W,
        r"маълумот бер" + W,
        r"tabrik" + W,
        r"табрик" + W,
        r"qutla" + W,
        r"қутла" + W,
    ],
}

# An event named inside a participle or a verbal noun ("imzaladığı", "keçirilən", "inşa etdirilməsinin"):
# the sentence is about something else, so the event is background unless it is the first one reported.
EMBEDDED: dict[str, str] = {
    "az": r"\w+(?:dığı|diyi|duğu|düyü|dığını|diyini|mış|miş|muş|müş|ması|məsi|masının|məsinin|masını|məsini|an|ən)"
    r"(?!\w)",
    "uz": r"\w+(?:gan|kan|qan|ilishi|ilishini|ishni)(?!\w)",
    "ru": r"\w+(?:анн|енн|ённ|вш)\w*(?!\w)",
    # "agreements signed during visits": a past participle right after what it qualifies
    "en": r"(?:(?<=nts )|(?<=ent )|(?<=ndum )|(?<=nda )|(?<=ties )|(?<=eaty )|(?<=col )|(?<=cols ))\w+ed(?!\w)",
}
# Plural event words in a later sentence ("signed during bilateral visits and meetings") speak of events in
# general, not of one event.
GENERIC_PLURAL: dict[str, str] = {
    "en": r"(?:visits|meetings|conferences|summits|forums|sessions|events|contacts)(?!\w)",
    "ru": r"(?:визиты|визитов|визитах|встречи|встреч|встречах|саммиты|саммитов|форумы|форумов|мероприяти[яйх]\w*)"
    r"(?!\w)",
    "az": r"(?:səfərlər|görüşlər|sammitlər|forumlar|tədbirlər|konfranslar)\w*",
    "uz": r"(?:tashriflar|uchrashuvlar|sammitlar|forumlar|tadbirlar|ташрифлар|учрашувлар|тадбирлар)\w*",
}

# Words that make a meeting one of heads of state (a summit), of a standing interstate body, or of ministers.
HEADS_OF_STATE = (
    r"heads of state|leaders\b|глав\w* государств|лидер\w*|dövlət başçıları\w*|liderlər\w*|davlat rahbarlari\w*|"
    r"rahbarlari\w*|давлат раҳбарлари\w*|раҳбарлари\w*"
)
INTERSTATE_BODY = (
    r"commission|комисси\w*|komissiya\w*|комиссия\w*|interstate|dövlətlərarası|межгосударствен\w*|"
    r"davlatlararo|давлатлараро|supreme council|высш\w* совет\w*|şura\w*"
)
MINISTERS_PLURAL = r"ministers\b|nazirləri\w*|министр(?:ов|ами)\b|vazirlari\w*|вазирлари\w*"
MEMBER_STATES = (
    r"member (?:states|countries)|üzv (?:ölkə|dövlət)\w*|государств\w*[- ]член\w*|стран\w*[- ]участниц\w*|"
    r"a\W?zo (?:davlat|mamlakat)\w*|аъзо (?:давлат|мамлакат)\w*"
)
VISIT_TYPE = {
    "state-visit": r"state|государствен\w*|dövlət|davlat|давлат",
    "official-visit": r"official|официальн\w*|rəsmi|rasmiy|расмий",
    "working-visit": r"working|рабоч\w*|işgüzar|işçi|ishchi|ишчи|amaliy|амалий",
}
# "in our country" in an outlet of that country
OUR_COUNTRY: dict[str, tuple[str, str]] = {
    "az": (r"ölkəmizdə(?!\w)", "AZE"),
    "uz": (r"(?:mamlakatimiz|yurtimiz|мамлакатимиз|юртимиз)(?:da|да)(?!\w)", "UZB"),
}
CHAIR = r"chair\w*|под председательством|председательств\w*|sədrliyi|sədrlik\w*|raisligida|раислигида"
# A person named after these hosts the event they were invited to ("по приглашению Шавката Мирзиёева").
HOST = (
    r"invitation of|at the invitation|по приглашению|приглашени\w+|dəvəti ilə|dəvətilə|taklifiga binoan|"
    r"таклифига биноан"
)
INVITED = r"(?:had been |was |were |is )?invited|приглаш[её]н\w*|dəvət olun\w*|taklif qilingan|таклиф қилинган"
# A sentence with no event word that still adds people to the last event: they took part, chaired, welcomed.
PARTICIPATION = (
    r"participat\w*|took part|attended|welcomed|greeted|represented|приняли участие|принял участие|участвовал\w*|"
    r"встрети\w*|представлен\w*|təmsil olun\w*|vakillik\w*|"
    r"iştirak\w*|qarşıla\w*|ishtirok\w*|иштирок\w*|kutib ol\w*|кутиб ол\w*"
)
# A later sentence whose subject is the subject event's people ("He", "The minister", "Tərəflər").
SINGULAR: dict[str, str] = {
    "en": r"he|she|the minister|the president|the prime minister",
    "ru": r"он|она|министр|президент|премьер",
    "az": r"o|nazir|prezident",
    "uz": r"u|у|vazir|вазир|prezident|президент",
}
PRONOUNS: dict[str, str] = {
    "en": r"he|she|they|him|the minister|the president|the sides|the parties|the two|the ministers|both",
    "ru": r"он|она|они|министр|президент|стороны|министры",
    "az": r"o|nazir|prezident|tərəflər|nazirlər",
    "uz": r"u|у|vazir|вазир|prezident|президент|tomonlar|томонлар|vazirlar|вазирлар",
}
GUEST = r"guest\w*|гост\w*|qonaq|mehmon\w*|меҳмон\w*"
DELEGATION_HEAD = (
    r"headed by|led by|возглав\w*|во главе|başçılıq\w*|rəhbərlik etdiyi|boshchiligidagi|бошчилигидаги|"
    r"rahbarligidagi|раҳбарлигидаги"
)


def compiled(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"{B}(?:{p})" for p in patterns))
