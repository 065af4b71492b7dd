"""The methodology text, in Arabic, French and English, written from the parameters the code uses.

`reports/methodology.<lang>.md` are this module's output (`flask --app survey methodology`); a
test regenerates them and fails when they differ, so the text and the scoring cannot drift apart.
"""

from __future__ import annotations

from .plan import PRIORITY_ACTIONS, PROJECTIONS
from .questionnaire.model import YES_PARTIAL_NO_OPTIONS
from .recommendations import CRITICALITY, EFFORT_COST, HORIZON_ORDER
from .scoring import CRITICAL_CAP_LEVEL, CRITICAL_THRESHOLD, LEVELS

TITLE = {
    "ar": "منهجية التقييم",
    "fr": "Méthodologie de l'évaluation",
    "en": "Assessment methodology",
}
EFFORT = {
    "low": {"ar": "محدود", "fr": "faible", "en": "low"},
    "medium": {"ar": "متوسط", "fr": "moyen", "en": "medium"},
    "high": {"ar": "كبير", "fr": "important", "en": "high"},
}
HORIZON = {
    "30d": {"ar": "30 يوماً", "fr": "30 jours", "en": "30 days"},
    "90d": {"ar": "90 يوماً", "fr": "90 jours", "en": "90 days"},
    "12m": {"ar": "12 شهراً", "fr": "12 mois", "en": "12 months"},
}
# Each section: its heading and its paragraphs, `{name}` filled from the parameters below.
SECTIONS = {
    "ar": [
        (
            "النقاط",
            "تمنح كل إجابة عن سؤال اختيار حصةً من نقاط السؤال بين 0 و1: "
            "«نعم» {yes}، و«جزئياً» {partial}، و«لا» {no}؛ وفي الأسئلة متعددة الاختيارات "
            "يُجمع ما تمنحه الخيارات المحددة دون أن يتجاوز 1. أما أسئلة الأعداد والنصوص "
            "فللمعلومة فقط ولا تُحتسب.",
        ),
        (
            "درجة المجال",
            "درجة المجال هي المتوسط المرجّح لنقاط أسئلته المحتسبة، مضروباً في 100: "
            "مجموع (الوزن × النقاط) مقسوماً على مجموع الأوزان. وزن السؤال 1 ما لم يُحدَّد "
            "غير ذلك. يُستبعد من الحساب السؤال الذي أُجيب عنه بـ«لا ينطبق»، والسؤال الذي "
            "أخفاه شرط مرتبط بإجابة أخرى، والسؤال الخاص بقطاعات أخرى. أما «لا أعرف» فيُحتسب "
            "صفراً. وفي المسودة تُترك الأسئلة التي بلا إجابة خارج الحساب، وبعد الإرسال "
            "تُحتسب صفراً. والمجال الذي لا يبقى فيه أي سؤال محتسب يظهر «غير مُقيَّم» لا صفراً.",
        ),
        (
            "الدرجة الإجمالية",
            "الدرجة الإجمالية هي المتوسط المرجّح لدرجات المجالات المُقيَّمة حسب وزن كل مجال، "
            "ويمكن لكل قطاع أن يعدّل هذه الأوزان.",
        ),
        (
            "مستويات النضج",
            "تُقرأ كل درجة على خمسة مستويات:\n\n{levels}",
        ),
        (
            "الضوابط الأساسية",
            "بعض الأسئلة ضوابط أساسية (مثل اختبار النسخ الاحتياطية). إذا حصل أحدها على أقل "
            "من {threshold}% من نقاطه، لا يتجاوز مستوى مجاله المستوى {cap} ({cap_name}) مهما "
            "كانت درجته. تبقى الدرجة كما هي، ولا يمكن لتحسين أي إجابة أن يخفض مستوى المجال: "
            "فهو لا يفعل إلا أن يرفع هذا الحد.",
        ),
        (
            "أولوية التوصيات",
            "تُختار التوصيات من الإجابات ومن مستويات المجالات، ولا تتكرر التوصية الواحدة. "
            "أولوية كل توصية هي المكسب المنتظر مقسوماً على الجهد: وزن التوصية × وزن السؤال "
            "× الفجوة (النقاط الناقصة) × {critical} إن كان السؤال ضابطاً أساسياً (وإلا 1)، "
            "مقسوماً على كلفة الجهد: {efforts}. تُرتَّب خطة العمل حسب هذه الأولوية، ثم حسب "
            "الأجل: {horizons}.",
        ),
        (
            "خطة العمل والدرجات المتوقعة",
            "أول {priority} توصيات في الخطة هي الإجراءات ذات الأولوية. وتُحسب الدرجات المتوقعة "
            "بعد تنفيذ أول {projections} إجراءات: يُفترض أن كل إجراء مرتبط بسؤال يرفع الإجابة "
            "عنه إلى أفضل مستوى، أما الإجراء المتعلق بمجال كامل فلا يغيّر أي إجابة. والأسئلة "
            "التي تظهر بفضل الإجابات المحسّنة ولم يُجب عنها بعد تبقى خارج الحساب.",
        ),
    ],
    "fr": [
        (
            "Les points",
            "Chaque réponse à une question à choix rapporte une part des points de la question, "
            "entre 0 et 1\u202f: «\u202fOui\u202f» {yes}, «\u202fEn partie\u202f» {partial}, "
            "«\u202fNon\u202f» {no}\u202f; pour une question à choix multiples, les parts des "
            "options cochées s'additionnent sans dépasser 1. Les questions de nombre ou de "
            "texte servent d'information et ne sont pas notées.",
        ),
        (
            "Le score d'un domaine",
            "Le score d'un domaine est la moyenne pondérée des points de ses questions "
            "comptées, multipliée par 100\u202f: la somme des (poids × points) divisée par la "
            "somme des poids. Le poids d'une question vaut 1 sauf indication contraire. Ne "
            "sont pas comptées\u202f: les questions répondues «\u202fSans objet\u202f», celles "
            "masquées par une condition sur une autre réponse, et celles propres à d'autres "
            "secteurs. «\u202fJe ne sais pas\u202f» compte pour 0. Dans un brouillon, les "
            "questions sans réponse sont laissées de côté\u202f; une fois l'évaluation soumise, "
            "elles comptent pour 0. Un domaine où plus aucune question n'est comptée est "
            "«\u202fnon évalué\u202f», jamais 0.",
        ),
        (
            "Le score global",
            "Le score global est la moyenne des scores des domaines évalués, pondérée par le "
            "poids de chaque domaine\u202f; un secteur peut modifier ces poids.",
        ),
        (
            "Les niveaux de maturité",
            "Chaque score se lit sur cinq niveaux\u202f:\n\n{levels}",
        ),
        (
            "Les points de contrôle essentiels",
            "Certaines questions sont des points de contrôle essentiels (par exemple des "
            "sauvegardes testées). Si l'une d'elles obtient moins de {threshold}\u202f% de ses "
            "points, le niveau de son domaine ne dépasse pas le niveau {cap} ({cap_name}), "
            "quel que soit son score. Le score lui-même ne change pas, et améliorer une réponse "
            "ne peut jamais faire baisser le niveau d'un domaine\u202f: cela ne peut que lever "
            "ce plafond.",
        ),
        (
            "La priorité des recommandations",
            "Les recommandations sont choisies à partir des réponses et des niveaux des "
            "domaines, sans doublon. La priorité de chacune est le gain attendu rapporté à "
            "l'effort\u202f: poids de la recommandation × poids de la question × écart (la part "
            "des points manquante) × {critical} pour un point de contrôle essentiel (1 sinon), "
            "divisé par le coût de l'effort\u202f: {efforts}. Le plan d'action suit cette "
            "priorité, puis l'échéance\u202f: {horizons}.",
        ),
        (
            "Le plan d'action et les scores attendus",
            "Les {priority} premières recommandations du plan sont les actions prioritaires. "
            "Les scores attendus sont calculés après les {projections} premières actions\u202f: "
            "chaque action liée à une question est supposée porter sa réponse au meilleur "
            "niveau\u202f; une action portant sur un domaine entier ne change aucune réponse. Les "
            "questions que les meilleures réponses font apparaître, et qui n'ont pas encore de "
            "réponse, restent hors du calcul.",
        ),
    ],
    "en": [
        (
            "Points",
            "Each answer to a choice question earns a share of the question's points, between "
            "0 and 1: 'Yes' {yes}, 'Partly' {partial}, 'No' {no}; for a multiple-choice "
            "question, the shares of the selected options add up, to at most 1. Number and "
            "text questions are for information and are not scored.",
        ),
        (
            "A domain's score",
            "A domain's score is the weighted mean of the points of its counted questions, "
            "times 100: the sum of (weight × points) divided by the sum of the weights. A "
            "question weighs 1 unless stated otherwise. Not counted: questions answered 'Not "
            "applicable', questions hidden by a condition on another answer, and questions "
            "asked only in other sectors. 'I don't know' counts as 0. In a draft, unanswered "
            "questions are left out; once the assessment is submitted they count as 0. A "
            "domain with no counted question left is 'not assessed', never 0.",
        ),
        (
            "The overall score",
            "The overall score is the mean of the assessed domains' scores, weighted by each "
            "domain's weight; a sector may change these weights.",
        ),
        (
            "Maturity levels",
            "Each score reads on five levels:\n\n{levels}",
        ),
        (
            "Essential controls",
            "Some questions are essential controls (tested backups, for example). If one of "
            "them earns less than {threshold}% of its points, its domain's level goes no "
            "higher than level {cap} ({cap_name}), whatever its score. The score itself does "
            "not change, and improving an answer can never lower a domain's level: it can "
            "only lift this cap.",
        ),
        (
            "Recommendation priority",
            "Recommendations are chosen from the answers and from the domains' levels, each "
            "once. The priority of each is its expected gain over its effort: the "
            "recommendation's weight × the question's weight × the gap (the share of points "
            "missing) × {critical} for an essential control (1 otherwise), divided by the cost "
            "of the effort: {efforts}. The action plan follows this priority, then the "
            "horizon: {horizons}.",
        ),
        (
            "The action plan and the expected scores",
            "The first {priority} recommendations of the plan are the priority actions. The "
            "expected scores are computed after the first {projections} actions: each action "
            "tied to a question is taken to bring its answer to the best level; an action on "
            "a whole domain changes no answer. Questions that the better answers reveal, and "
            "that have no answer yet, stay out of the calculation.",
        ),
    ],
}
_AND = {"fr": " et ", "en": " and "}
_LIST = {"fr": ", ", "en": ", "}
_RANGE = {
    "ar": "- المستوى {level}، {name}: من {low} إلى أقل من {high}",
    "fr": "- niveau {level}, {name}\u202f: de {low} à moins de {high}",
    "en": "- level {level}, {name}: from {low} to below {high}",
}
_TOP = {
    "ar": "- المستوى {level}، {name}: من {low} إلى 100",
    "fr": "- niveau {level}, {name}\u202f: de {low} à 100",
    "en": "- level {level}, {name}: from {low} to 100",
}


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang in ("fr", "ar") else text


def _listing(items: list[str], lang: str) -> str:
    if lang == "ar":  # Arabic repeats its "and" before every item after the first
        return "، و".join(items)
    return _LIST[lang].join(items[:-1]) + _AND[lang] + items[-1] if len(items) > 1 else items[0]


def parameters(lang: str) -> dict[str, str]:
    """The values the text quotes, as the code defines them."""
    points = {o["value"]: _number(o["score"], lang) for o in YES_PARTIAL_NO_OPTIONS}
    levels = []
    for index, (low, names) in enumerate(LEVELS):
        values = {"level": index + 1, "name": names[lang], "low": low}
        if index + 1 < len(LEVELS):
            levels.append(_RANGE[lang].format(high=LEVELS[index + 1][0], **values))
        else:
            levels.append(_TOP[lang].format(**values))
    efforts = [f"{EFFORT[k][lang]} {_number(v, lang)}" for k, v in EFFORT_COST.items()]
    return {
        **points,
        "levels": "\n".join(levels),
        "threshold": _number(100 * CRITICAL_THRESHOLD, lang),
        "cap": str(CRITICAL_CAP_LEVEL),
        "cap_name": LEVELS[CRITICAL_CAP_LEVEL - 1][1][lang],
        "critical": _number(CRITICALITY[True], lang),
        "efforts": _listing(efforts, lang),
        "horizons": _listing([HORIZON[h][lang] for h in HORIZON_ORDER], lang),
        "priority": str(PRIORITY_ACTIONS),
        "projections": (
            " ثم أول ".join(map(str, PROJECTIONS))  # "the first 5, then the first 10"
            if lang == "ar"
            else _listing([str(n) for n in PROJECTIONS], lang)
        ),
    }


def methodology_text(lang: str) -> str:
    """The methodology in one language, as Markdown."""
    values = parameters(lang)
    parts = [f"# {TITLE[lang]}", ""]
    for heading, body in SECTIONS[lang]:
        parts += [f"## {heading}", "", body.format(**values), ""]
    return "\n".join(parts)
