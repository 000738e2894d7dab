"""Language identification of short news sentences, and Uzbek Cyrillic <-> Latin transliteration.

The sentences are written for these tests; the transliterations follow the official Uzbek alphabets.
"""

from __future__ import annotations

import pytest

from kg.extract.language import detect
from kg.extract.translit import uz_cyrl_to_latn, uz_latn_to_cyrl

AZ = [
    "Prezident İlham Əliyev Özbəkistanın xarici işlər nazirini qəbul edib.",
    "Görüşdə iki ölkə arasında əməkdaşlığın inkişafı müzakirə olunub.",
    "Nazir Bakıda keçirilən konfransda çıxış edib.",
    "Tərəflər enerji sahəsində birgə layihələri nəzərdən keçiriblər.",
    "Saziş 2023-cü ilin avqust ayında imzalanıb.",
    "Füzulidə yeni məktəbin açılışı olub.",
    "Əmək nazirliyi miqrantlar üçün yeni mərkəz açıb.",
    "Dünən Daşkənddə iqtisadi forum başa çatıb.",
    "Nümayəndə heyəti Qarabağa səfər edəcək.",
    "Rəsmi açıqlamaya görə danışıqlar davam edir.",
]
EN = [
    "The foreign ministers of Azerbaijan and Uzbekistan met in Baku on Tuesday.",
    "The two sides signed a memorandum on labour migration.",
    "President Mirziyoyev will visit Baku next month, his office said.",
    "Officials discussed trade, transport and energy projects.",
    "The talks were held by video link.",
    "A new school was opened in Fuzuli with Uzbek support.",
    "The agreement enters into force after ratification.",
    "Both governments denied reports of a postponed summit.",
    "The minister was invited to attend the conference in November.",
    "Experts from Tashkent arrived yesterday.",
]
RU = [
    "Министры иностранных дел Азербайджана и Узбекистана встретились в Баку.",
    "Стороны подписали меморандум о трудовой миграции.",
    "Президент посетит Ташкент в следующем месяце.",
    "На встрече обсуждались вопросы торговли и транспорта.",
    "Переговоры прошли в формате видеоконференции.",
    "В Физули открылась новая школа.",
    "Соглашение вступит в силу после ратификации.",
    "Визит был перенесён на неопределённый срок.",
    "Делегация прибыла вчера вечером.",
    "Эксперты обсудили совместные проекты в энергетике.",
]
UZ_LATN = [
    "Oʻzbekiston va Ozarbayjon tashqi ishlar vazirlari Bokuda uchrashdi.",
    "Tomonlar mehnat migratsiyasi bo'yicha memorandum imzoladi.",
    "Prezident kelasi oy Bokuga tashrif buyuradi.",
    "Uchrashuvda savdo va transport masalalari muhokama qilindi.",
    "Muzokaralar videoaloqa orqali o'tkazildi.",
    "Fuzuliyda yangi maktab ochildi.",
    "Kelishuv ratifikatsiyadan keyin kuchga kiradi.",
    "Delegatsiya kecha Toshkentga keldi.",
    "Mehnat vazirligi yangi markaz ochdi.",
    "Ekspertlar energetika sohasidagi loyihalarni ko'rib chiqdi.",
]
UZ_CYRL = [
    "Ўзбекистон ва Озарбайжон ташқи ишлар вазирлари Бокуда учрашди.",
    "Томонлар меҳнат миграцияси бўйича меморандум имзолади.",
    "Президент келаси ой Бокуга ташриф буюради.",
    "Учрашувда савдо ва транспорт масалалари муҳокама қилинди.",
    "Музокаралар видеоалоқа орқали ўтказилди.",
    "Физулида янги мактаб очилди.",
    "Келишув ратификациядан кейин кучга киради.",
    "Делегация кеча Тошкентга келди.",
    "Меҳнат вазирлиги янги марказ очди.",
    "Экспертлар энергетика соҳасидаги лойиҳаларни кўриб чиқди.",
]
SENTENCES = (
    [(s, "az") for s in AZ] + [(s, "en") for s in EN] + [(s, "ru") for s in RU]
    + [(s, "uz") for s in UZ_LATN] + [(s, "uz") for s in UZ_CYRL]
)  # fmt: skip


@pytest.mark.parametrize(("text", "lang"), SENTENCES)
def test_detect(text: str, lang: str):
    assert detect(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "2023-08-22", "!!!", "🙂"])
def test_detect_without_letters_is_english(text: str):
    assert detect(text) == "en"


def test_detect_long_mixed_text_follows_the_majority():
    text = " ".join(RU) + " Baku, Tashkent."
    assert detect(text) == "ru"


WORDS = [
    ("Оллоёров", "Olloyorov"),
    ("Тошкент", "Toshkent"),
    ("Ўзбекистон", "Oʻzbekiston"),
    ("ЎЗБЕКИСТОН", "OʻZBEKISTON"),
    ("Мирзиёев", "Mirziyoyev"),
    ("Фарғона", "Fargʻona"),
    ("Шавкат", "Shavkat"),
    ("Чорвоқ", "Chorvoq"),
    ("ҳафта", "hafta"),
    ("маъно", "maʼno"),
    ("Ер", "Yer"),
    ("поезд", "poyezd"),
    ("юлдуз", "yulduz"),
    ("Янгиобод", "Yangiobod"),
    ("эксперт", "ekspert"),
    ("Наманган шаҳри", "Namangan shahri"),
    ("йўл", "yoʻl"),
    ("Йўлдош", "Yoʻldosh"),
]


@pytest.mark.parametrize(("cyrl", "latn"), WORDS)
def test_cyrillic_to_latin(cyrl: str, latn: str):
    assert uz_cyrl_to_latn(cyrl) == latn


@pytest.mark.parametrize(("cyrl", "latn"), WORDS)
def test_latin_to_cyrillic(cyrl: str, latn: str):
    assert uz_latn_to_cyrl(latn) == cyrl


@pytest.mark.parametrize(
    ("cyrl", "latn"),
    [
        ("ц", "s"),  # ц after a consonant or at the start is s
        ("Ацетон", "Atseton"),  # after a vowel ts
        ("ўтган", "o'tgan"),  # any apostrophe-like mark after o or g is read as ʻ
        ("ғалаба", "g‘alaba"),
        ("Исҳоқ", "Is'hoq"),  # s and h kept apart by the glottal stop are not sh
    ],
)
def test_one_way_rules(cyrl: str, latn: str):
    if latn in ("s", "Atseton"):
        assert uz_cyrl_to_latn(cyrl) == latn
    else:
        assert uz_latn_to_cyrl(latn) == cyrl


def test_other_text_is_left_alone():
    assert uz_cyrl_to_latn("2023 йил, Baku! 東京") == "2023 yil, Baku! 東京"
    assert uz_latn_to_cyrl("2023-yil, 22-avgust.") == "2023-йил, 22-август."
