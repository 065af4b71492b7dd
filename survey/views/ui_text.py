"""The few interface strings of these pages, in the three languages."""

UI = {
    "app_name": {
        "ar": "تقييم الجاهزية",
        "fr": "Évaluation de la maturité",
        "en": "Readiness assessment",
    },
    "tagline": {
        "ar": "قيّموا جاهزية مؤسستكم للعمل عن بُعد واستمرارية الأعمال والأمن السيبراني، "
        "واحصلوا على خطة عمل مرتّبة حسب الأولوية.",
        "fr": "Évaluez la préparation de votre organisation au télétravail, à la continuité "
        "d'activité et à la cybersécurité, et obtenez un plan d'action priorisé.",
        "en": "Assess how ready your organisation is for remote work, business continuity and "
        "cybersecurity, and get a prioritised action plan.",
    },
    "questionnaires": {
        "ar": "الاستبيانات المتاحة",
        "fr": "Questionnaires disponibles",
        "en": "Available questionnaires",
    },
    "minutes": {"ar": "دقيقة تقريبًا", "fr": "minutes environ", "en": "minutes or so"},
    "api_note": {
        "ar": "يمكن أيضًا إنشاء التقييمات عبر واجهة البرمجة:",
        "fr": "Les évaluations peuvent aussi être créées par l'API :",
        "en": "Assessments can also be created through the API:",
    },
    "organisation": {"ar": "المؤسسة", "fr": "Organisation", "en": "Organisation"},
    "status": {"ar": "الحالة", "fr": "Statut", "en": "Status"},
    "draft": {"ar": "مسودة", "fr": "Brouillon", "en": "Draft"},
    "submitted": {"ar": "مُرسَل", "fr": "Soumis", "en": "Submitted"},
    "completeness": {"ar": "نسبة الإجابة", "fr": "Taux de réponse", "en": "Questions answered"},
    "overall": {"ar": "الدرجة الإجمالية", "fr": "Score global", "en": "Overall score"},
    "domain": {"ar": "المجال", "fr": "Domaine", "en": "Domain"},
    "score": {"ar": "الدرجة", "fr": "Score", "en": "Score"},
    "level": {"ar": "المستوى", "fr": "Niveau", "en": "Level"},
    "not_assessed": {"ar": "غير مُقيَّم", "fr": "Non évalué", "en": "Not assessed"},
    "report": {
        "ar": "تنزيل التقرير (PDF)",
        "fr": "Télécharger le rapport (PDF)",
        "en": "Download the report (PDF)",
    },
    "report_ar": {"ar": "بالعربية", "fr": "en arabe", "en": "in Arabic"},
    "report_fr": {"ar": "بالفرنسية", "fr": "en français", "en": "in French"},
    "report_en": {"ar": "بالإنجليزية", "fr": "en anglais", "en": "in English"},
    "language": {"ar": "اللغة", "fr": "Langue", "en": "Language"},
}
