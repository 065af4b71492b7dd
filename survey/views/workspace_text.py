"""The interface strings of the sign-in page and the consultant workspace, in the three languages.

`{name}` marks a value filled in at display time.
"""

from __future__ import annotations

WORKSPACE = {
    "colon": {"ar": ": ", "fr": " : ", "en": ": "},  # after a label, as each language writes it
    # signing in and out
    "sign_in_title": {
        "ar": "تسجيل دخول المستشارين",
        "fr": "Connexion des consultants",
        "en": "Consultant sign-in",
    },
    "email": {"ar": "البريد الإلكتروني", "fr": "Adresse e-mail", "en": "E-mail address"},
    "password": {"ar": "كلمة المرور", "fr": "Mot de passe", "en": "Password"},
    "sign_in": {"ar": "تسجيل الدخول", "fr": "Se connecter", "en": "Sign in"},
    "sign_out": {"ar": "تسجيل الخروج", "fr": "Se déconnecter", "en": "Sign out"},
    "signed_out": {
        "ar": "تم تسجيل خروجكم.",
        "fr": "Vous êtes déconnecté.",
        "en": "You are signed out.",
    },
    "sign_in_needed": {
        "ar": "يُرجى تسجيل الدخول للوصول إلى فضاء المستشارين.",
        "fr": "Connectez-vous pour accéder à l'espace consultant.",
        "en": "Please sign in to open the consultant workspace.",
    },
    "sign_in_failed": {
        "ar": "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
        "fr": "Adresse e-mail ou mot de passe incorrect.",
        "en": "Wrong e-mail address or password.",
    },
    "too_many_attempts": {
        "ar": "سُجّلت محاولات فاشلة كثيرة في وقت قصير. أعيدوا المحاولة بعد بضع دقائق.",
        "fr": "Trop de tentatives échouées en peu de temps. Réessayez dans quelques minutes.",
        "en": "Too many failed attempts in a short time. Try again in a few minutes.",
    },
    "required_field": {
        "ar": "هذا الحقل مطلوب.",
        "fr": "Ce champ est obligatoire.",
        "en": "This field is required.",
    },
    # dashboard
    "workspace": {"ar": "فضاء المستشارين", "fr": "Espace consultant", "en": "Consultant workspace"},
    "dashboard_title": {"ar": "التقييمات", "fr": "Évaluations", "en": "Assessments"},
    "filters": {"ar": "عوامل التصفية", "fr": "Filtres", "en": "Filters"},
    "any": {"ar": "الكل", "fr": "Tous", "en": "Any"},
    "status": {"ar": "الحالة", "fr": "Statut", "en": "Status"},
    "since": {"ar": "آخر تعديل من", "fr": "Modifiée depuis le", "en": "Last change from"},
    "until": {"ar": "إلى", "fr": "jusqu'au", "en": "to"},
    "until_date": {"ar": "آخر تعديل حتى", "fr": "Modifiée jusqu'au", "en": "Last change until"},
    "score_high_label": {"ar": "الدرجة حتى", "fr": "Score jusqu'à", "en": "Score up to"},
    "score_low": {"ar": "الدرجة من", "fr": "Score de", "en": "Score from"},
    "score_high": {"ar": "إلى", "fr": "à", "en": "to"},
    "name_contains": {
        "ar": "اسم المؤسسة يتضمن",
        "fr": "Nom de l'organisation contenant",
        "en": "Organisation name contains",
    },
    "apply": {"ar": "تطبيق", "fr": "Appliquer", "en": "Apply"},
    "clear_filters": {
        "ar": "إلغاء التصفية",
        "fr": "Effacer les filtres",
        "en": "Clear the filters",
    },
    "bad_filters": {
        "ar": "لم تُطبَّق بعض عوامل التصفية لأن قيمها غير صالحة: {names}.",
        "fr": "Certains filtres ont été ignorés, leur valeur n'étant pas valide : {names}.",
        "en": "Some filters were left out because their value is not valid: {names}.",
    },
    "sort_by": {"ar": "الترتيب حسب", "fr": "Trier par", "en": "Sort by"},
    "sort_updated": {"ar": "آخر تعديل", "fr": "Dernière modification", "en": "Last change"},
    "sort_organisation": {"ar": "المؤسسة", "fr": "Organisation", "en": "Organisation"},
    "sort_score": {"ar": "الدرجة الإجمالية", "fr": "Score global", "en": "Overall score"},
    "sort_sector": {"ar": "القطاع", "fr": "Secteur", "en": "Sector"},
    "sort_questionnaire": {"ar": "الاستبيان", "fr": "Questionnaire", "en": "Questionnaire"},
    "descending": {"ar": "تنازلي", "fr": "Décroissant", "en": "Descending"},
    "ascending": {"ar": "تصاعدي", "fr": "Croissant", "en": "Ascending"},
    "result_count": {
        "ar": "عدد التقييمات: {count}",
        "fr": "{count} évaluation(s)",
        "en": "{count} assessment(s)",
    },
    "page_of": {
        "ar": "الصفحة {page} من {pages}",
        "fr": "Page {page} sur {pages}",
        "en": "Page {page} of {pages}",
    },
    "previous_page": {"ar": "الصفحة السابقة", "fr": "Page précédente", "en": "Previous page"},
    "next_page": {"ar": "الصفحة التالية", "fr": "Page suivante", "en": "Next page"},
    "no_results": {
        "ar": "لا يوجد أي تقييم يطابق هذه المعايير.",
        "fr": "Aucune évaluation ne correspond à ces critères.",
        "en": "No assessment matches these criteria.",
    },
    "heat_map": {
        "ar": "خريطة الدرجات حسب المجال",
        "fr": "Carte des scores par domaine",
        "en": "Scores by domain",
    },
    "heat_map_help": {
        "ar": "درجات كل مجال في التقييمات المعروضة بهذه الصفحة، من 0 إلى 100؛ "
        "وكلما كان لون الخانة أغمق كانت الدرجة أدنى.",
        "fr": "Scores par domaine des évaluations de cette page, de 0 à 100 ; "
        "plus la case est foncée, plus le score est faible.",
        "en": "Domain scores of the assessments on this page, from 0 to 100; "
        "the darker the cell, the lower the score.",
    },
    "updated": {"ar": "آخر تعديل", "fr": "Modifiée le", "en": "Last change"},
    "not_scored": {"ar": "غير مُقيَّم", "fr": "Non évalué", "en": "Not scored"},
    "exports": {"ar": "التصدير", "fr": "Exports", "en": "Exports"},
    "export_assessments": {
        "ar": "التقييمات ودرجاتها",
        "fr": "Évaluations et scores",
        "en": "Assessments and scores",
    },
    "export_answers": {"ar": "الإجابات", "fr": "Réponses", "en": "Answers"},
    "export_note": {
        "ar": "يشمل التصدير كل التقييمات المطابقة لعوامل التصفية الحالية.",
        "fr": "L'export reprend toutes les évaluations qui correspondent aux filtres actuels.",
        "en": "Exports include every assessment that matches the current filters.",
    },
    "status_draft": {"ar": "مسودة", "fr": "Brouillon", "en": "Draft"},
    "status_returned": {
        "ar": "أُعيد إلى المؤسسة",
        "fr": "Renvoyée à l'organisation",
        "en": "Returned to the organisation",
    },
    "status_submitted": {"ar": "مُرسَل", "fr": "Soumise", "en": "Submitted"},
    "status_in_review": {"ar": "قيد المراجعة", "fr": "En cours de revue", "en": "In review"},
    "status_validated": {"ar": "مُعتمَد", "fr": "Validée", "en": "Validated"},
    # one assessment
    "review_page_title": {
        "ar": "مراجعة التقييم",
        "fr": "Revue de l'évaluation",
        "en": "Assessment review",
    },
    "back_to_dashboard": {
        "ar": "العودة إلى قائمة التقييمات",
        "fr": "Retour aux évaluations",
        "en": "Back to the assessments",
    },
    "workflow": {"ar": "مسار المراجعة", "fr": "Suivi de la revue", "en": "Review workflow"},
    "move_in_review": {"ar": "بدء المراجعة", "fr": "Commencer la revue", "en": "Start the review"},
    "move_validated": {
        "ar": "اعتماد التقييم",
        "fr": "Valider l'évaluation",
        "en": "Validate the assessment",
    },
    "move_returned": {
        "ar": "إعادة التقييم إلى المؤسسة",
        "fr": "Renvoyer à l'organisation",
        "en": "Return to the organisation",
    },
    "move_action": {"ar": "تنفيذ", "fr": "Appliquer", "en": "Apply"},
    "return_message": {
        "ar": "رسالة إلى المؤسسة (عند الإعادة)",
        "fr": "Message à l'organisation (en cas de renvoi)",
        "en": "Message to the organisation (when returning it)",
    },
    "return_message_needed": {
        "ar": "اكتبوا للمؤسسة ما ينبغي لها مراجعته.",
        "fr": "Indiquez à l'organisation ce qu'elle doit revoir.",
        "en": "Tell the organisation what to look at again.",
    },
    "no_move": {
        "ar": "لا يمكن مراجعة التقييم قبل أن تُرسله المؤسسة.",
        "fr": "L'évaluation ne peut être revue qu'une fois soumise par l'organisation.",
        "en": "The assessment can be reviewed only once the organisation submits it.",
    },
    "move_refused": {
        "ar": "تعذّر إجراء هذا التغيير: تغيّرت حالة التقييم في هذه الأثناء.",
        "fr": "Ce changement n'est pas possible : le statut de l'évaluation a changé entre-temps.",
        "en": "This change is not possible: the assessment's status changed in the meantime.",
    },
    "saved": {"ar": "تم الحفظ.", "fr": "Enregistré.", "en": "Saved."},
    "not_saved_review": {
        "ar": "لم يُحفظ التغيير؛ صحّحوا الحقول المشار إليها.",
        "fr": "La modification n'a pas été enregistrée ; corrigez les champs signalés.",
        "en": "The change was not saved; correct the flagged fields.",
    },
    "scores_and_trace": {
        "ar": "الدرجات وطريقة احتسابها",
        "fr": "Scores et détail du calcul",
        "en": "Scores and how they are calculated",
    },
    "self_assessed": {"ar": "التقييم الذاتي", "fr": "Auto-évaluation", "en": "Self-assessed"},
    "reviewed_score": {"ar": "الدرجة بعد المراجعة", "fr": "Score revu", "en": "Reviewed score"},
    "justification": {"ar": "المبرّر", "fr": "Justification", "en": "Justification"},
    "justification_needed": {
        "ar": "اذكروا مبرّر الدرجة بعد المراجعة.",
        "fr": "Tout score revu doit être justifié.",
        "en": "A reviewed score needs a justification.",
    },
    "score_range": {
        "ar": "أدخلوا عددًا صحيحًا بين 0 و100.",
        "fr": "Saisissez un nombre entier de 0 à 100.",
        "en": "Enter a whole number from 0 to 100.",
    },
    "score_help": {
        "ar": "اتركوا الخانة فارغة لحذف الدرجة بعد المراجعة.",
        "fr": "Laissez le champ vide pour supprimer le score revu.",
        "en": "Leave the field empty to remove the reviewed score.",
    },
    "save_score": {"ar": "حفظ الدرجة", "fr": "Enregistrer le score", "en": "Save the score"},
    "weight": {"ar": "الوزن", "fr": "Poids", "en": "Weight"},
    "points": {"ar": "النقاط", "fr": "Points", "en": "Points"},
    "not_counted": {
        "ar": "أسئلة غير محتسبة",
        "fr": "Questions non comptées",
        "en": "Questions not counted",
    },
    "note": {"ar": "ملاحظة", "fr": "Note", "en": "Note"},
    "notes": {"ar": "ملاحظات المستشار", "fr": "Notes du consultant", "en": "Consultant's notes"},
    "note_on": {"ar": "الموضوع", "fr": "Sujet", "en": "About"},
    "save_note": {"ar": "حفظ الملاحظة", "fr": "Enregistrer la note", "en": "Save the note"},
    "note_help": {
        "ar": "اتركوا النص فارغًا لحذف الملاحظة.",
        "fr": "Laissez le texte vide pour supprimer la note.",
        "en": "Leave the text empty to delete the note.",
    },
    "recommendations": {"ar": "التوصيات", "fr": "Recommandations", "en": "Recommendations"},
    "added_recommendations": {
        "ar": "توصيات أضافها المستشار",
        "fr": "Recommandations ajoutées par le consultant",
        "en": "Recommendations added by the consultant",
    },
    "add_recommendation": {
        "ar": "إضافة توصية",
        "fr": "Ajouter une recommandation",
        "en": "Add a recommendation",
    },
    "action": {"ar": "الإجراء", "fr": "Action", "en": "Action"},
    "how_to": {"ar": "طريقة التنفيذ", "fr": "Mise en œuvre", "en": "How to do it"},
    "horizon": {"ar": "الأجل", "fr": "Échéance", "en": "Horizon"},
    "remove": {"ar": "حذف", "fr": "Supprimer", "en": "Remove"},
    "audit_log": {"ar": "سجل التغييرات", "fr": "Journal des modifications", "en": "Audit log"},
    "when": {"ar": "التاريخ", "fr": "Date", "en": "When"},
    "who": {"ar": "المستخدم", "fr": "Auteur", "en": "Who"},
    "what": {"ar": "التغيير", "fr": "Modification", "en": "What"},
    "before": {"ar": "قبل", "fr": "Avant", "en": "Before"},
    "after": {"ar": "بعد", "fr": "Après", "en": "After"},
    "no_changes": {
        "ar": "لم يُسجَّل أي تغيير بعد.",
        "fr": "Aucune modification pour l'instant.",
        "en": "No changes yet.",
    },
    "audit_status": {"ar": "الحالة", "fr": "Statut", "en": "Status"},
    "audit_note": {"ar": "ملاحظة", "fr": "Note", "en": "Note"},
    "audit_score": {"ar": "درجة مجال", "fr": "Score de domaine", "en": "Domain score"},
    "audit_reassessment": {"ar": "تقييم جديد", "fr": "Nouvelle évaluation", "en": "New assessment"},
    "audit_recommendation": {
        "ar": "توصية مضافة",
        "fr": "Recommandation ajoutée",
        "en": "Added recommendation",
    },
    "peer_median": {
        "ar": "الوسيط لدى المؤسسات المماثلة",
        "fr": "Médiane des organisations comparables",
        "en": "Median of similar organisations",
    },
    "peer_note": {
        "ar": "المؤسسات المماثلة: {count} مؤسسة من القطاع نفسه وبالحجم نفسه، "
        "حسب آخر تقييم أرسلته كل منها.",
        "fr": "Organisations comparables : {count} organisations du même secteur et de la même "
        "taille, d'après la dernière évaluation soumise par chacune.",
        "en": "Similar organisations: {count} organisations of the same sector and size, from "
        "the latest assessment each of them submitted.",
    },
    "benchmarks": {
        "ar": "المقارنة بين المؤسسات المماثلة",
        "fr": "Comparaison sectorielle",
        "en": "Peer benchmarks",
    },
    "benchmarks_help": {
        "ar": "لكل فئة حجم: عدد المؤسسات، ثم لكل مجال الوسيط والربيعان الأدنى والأعلى "
        "(بين قوسين)، حسب آخر تقييم أرسلته كل مؤسسة. لا تُعرض فئة أو مجال يقل فيه العدد عن 5.",
        "fr": "Pour chaque taille : le nombre d'organisations, puis pour chaque domaine la médiane "
        "et, entre crochets, le premier et le troisième quartile, d'après la dernière évaluation "
        "soumise par chaque organisation. Un chiffre tiré de moins de 5 organisations n'est pas "
        "affiché.",
        "en": "For each size band: the number of organisations, then for each domain the median "
        "and, in brackets, the first and third quartiles, from the latest assessment each "
        "organisation submitted. A figure drawn from fewer than 5 organisations is not shown.",
    },
    "organisations_count": {"ar": "المؤسسات", "fr": "Organisations", "en": "Organisations"},
    "reassess_title": {
        "ar": "تقييم جديد",
        "fr": "Nouvelle évaluation",
        "en": "Assess again",
    },
    "reassess_help": {
        "ar": "ابدؤوا تقييمًا جديدًا لمؤسستكم على أحدث نسخة من الاستبيان، مع إجاباتكم السابقة "
        "معبّأة مسبقًا: راجعوا كل صفحة واحفظوها لتأكيدها، ثم قارنوا النتائج.",
        "fr": "Commencez une nouvelle évaluation de votre organisation sur la version actuelle du "
        "questionnaire, avec vos réponses précédentes déjà remplies : vérifiez et enregistrez "
        "chaque page pour les confirmer, puis comparez les résultats.",
        "en": "Start a new assessment of your organisation on the current version of the "
        "questionnaire, with your previous answers filled in: check and save each page to "
        "confirm them, then compare the results.",
    },
    "reassess_button": {
        "ar": "بدء تقييم جديد",
        "fr": "Commencer une nouvelle évaluation",
        "en": "Start a new assessment",
    },
    "reassess_refused": {
        "ar": "تعذّر بدء تقييم جديد: هذا الاستبيان أو هذا القطاع لم يعد متاحًا.",
        "fr": "Impossible de commencer une nouvelle évaluation : ce questionnaire ou ce secteur "
        "n'est plus proposé.",
        "en": "A new assessment cannot be started: this questionnaire or sector is no longer "
        "offered.",
    },
    "reassessment_created": {
        "ar": "أُنشئ تقييم جديد لهذه المؤسسة. رابط الاستئناف (يُعرض مرة واحدة): {link}",
        "fr": "Une nouvelle évaluation de cette organisation a été créée. Son lien de reprise "
        "(affiché une seule fois) : {link}",
        "en": "A new assessment of this organisation was created. Its resume link (shown only "
        "once): {link}",
    },
    "prefilled_notice": {
        "ar": "هذا تقييم جديد: إجاباتكم السابقة معبّأة مسبقًا. راجعوها واحفظوا كل صفحة لتأكيدها.",
        "fr": "Ceci est une nouvelle évaluation : vos réponses précédentes sont déjà remplies. "
        "Vérifiez-les et enregistrez chaque page pour les confirmer.",
        "en": "This is a new assessment: your previous answers are filled in. Check them and save "
        "each page to confirm them.",
    },
    "comparison_title": {
        "ar": "التقدّم منذ التقييم السابق",
        "fr": "Progrès depuis l'évaluation précédente",
        "en": "Progress since the previous assessment",
    },
    "change": {"ar": "الفرق", "fr": "Écart", "en": "Change"},
    "questions_improved": {
        "ar": "أسئلة تحسّنت إجاباتها: {count}",
        "fr": "Questions en progrès : {count}",
        "en": "Questions improved: {count}",
    },
    "questions_regressed": {
        "ar": "أسئلة تراجعت إجاباتها: {count}",
        "fr": "Questions en recul : {count}",
        "en": "Questions regressed: {count}",
    },
    "actions_closed": {
        "ar": "إجراءات أُنجزت: {count}",
        "fr": "Actions réglées : {count}",
        "en": "Actions closed: {count}",
    },
    "actions_open": {
        "ar": "إجراءات ما زالت قائمة: {count}",
        "fr": "Actions toujours ouvertes : {count}",
        "en": "Actions still open: {count}",
    },
    "actions_new": {
        "ar": "إجراءات جديدة: {count}",
        "fr": "Nouvelles actions : {count}",
        "en": "New actions: {count}",
    },
    "administration": {"ar": "الإدارة", "fr": "Administration", "en": "Administration"},
    "users": {"ar": "الحسابات", "fr": "Comptes", "en": "Accounts"},
    "role": {"ar": "الدور", "fr": "Rôle", "en": "Role"},
    "role_consultant": {"ar": "مستشار", "fr": "Consultant", "en": "Consultant"},
    "role_admin": {"ar": "مدير", "fr": "Administrateur", "en": "Administrator"},
    "active": {"ar": "مفعّل", "fr": "Actif", "en": "Active"},
    "disabled": {"ar": "معطّل", "fr": "Désactivé", "en": "Disabled"},
    "disable": {"ar": "تعطيل", "fr": "Désactiver", "en": "Disable"},
    "enable": {"ar": "تفعيل", "fr": "Réactiver", "en": "Enable"},
    "create_user": {"ar": "إنشاء حساب", "fr": "Créer le compte", "en": "Create the account"},
    "new_password": {
        "ar": "كلمة المرور الجديدة",
        "fr": "Nouveau mot de passe",
        "en": "New password",
    },
    "reset_password": {
        "ar": "تغيير كلمة المرور",
        "fr": "Changer le mot de passe",
        "en": "Reset the password",
    },
    "library_status": {
        "ar": "حالة مكتبة الاستبيانات",
        "fr": "État de la bibliothèque de questionnaires",
        "en": "Questionnaire library status",
    },
    "library_ok": {
        "ar": "لا توجد أي مشكلة في ملفات الاستبيانات.",
        "fr": "Les fichiers de questionnaires ne présentent aucun problème.",
        "en": "The questionnaire files have no problem.",
    },
    "versions_in_use": {
        "ar": "النسخ المعتمدة في التقييمات",
        "fr": "Versions utilisées par les évaluations",
        "en": "Versions the assessments use",
    },
    "version": {"ar": "النسخة", "fr": "Version", "en": "Version"},
    "assessments_count": {"ar": "التقييمات", "fr": "Évaluations", "en": "Assessments"},
    "organisation_data": {
        "ar": "بيانات المؤسسة",
        "fr": "Données de l'organisation",
        "en": "The organisation's data",
    },
    "organisation_data_help": {
        "ar": "بطلب من المؤسسة: تصدير كل ما هو محفوظ عنها (JSON)، أو حذفه نهائيًا مع كل تقييماتها. "
        "يُسجَّل الإجراء في سجل التغييرات.",
        "fr": "À la demande de l'organisation : exporter tout ce qui est conservé à son sujet "
        "(JSON), ou le supprimer définitivement avec toutes ses évaluations. L'opération est "
        "inscrite au journal.",
        "en": "On the organisation's request: export everything kept about it (JSON), or delete "
        "it for good with all its assessments. The operation is written to the log.",
    },
    "export_json": {"ar": "تصدير (JSON)", "fr": "Exporter (JSON)", "en": "Export (JSON)"},
    "delete_confirm": {
        "ar": "أؤكد حذف هذه المؤسسة وكل تقييماتها نهائيًا",
        "fr": "Je confirme la suppression définitive de cette organisation et de toutes ses "
        "évaluations",
        "en": "I confirm deleting this organisation and all its assessments for good",
    },
    "delete": {"ar": "حذف", "fr": "Supprimer", "en": "Delete"},
    "organisation_deleted": {
        "ar": "حُذفت بيانات المؤسسة.",
        "fr": "Les données de l'organisation ont été supprimées.",
        "en": "The organisation's data was deleted.",
    },
    "returned_notice": {
        "ar": "أعاد المستشار التقييم إليكم مع الرسالة التالية: {message}",
        "fr": "Le consultant vous a renvoyé l'évaluation avec ce message : {message}",
        "en": "The consultant returned your assessment with this message: {message}",
    },
}
