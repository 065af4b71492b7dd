"""The interface strings of the respondent's pages, in the three languages.

`{name}` marks a value filled in at display time.
"""

from __future__ import annotations

from functools import cache

from ..methodology import EFFORT
from .workspace_text import WORKSPACE

UI = {
    # layout
    "app_name": {
        "ar": "تقييم الجاهزية",
        "fr": "Diagnostic de préparation",
        "en": "Readiness assessment",
    },
    "language": {"ar": "اللغة", "fr": "Langue", "en": "Language"},
    "language_ar": {"ar": "العربية", "fr": "العربية", "en": "العربية"},
    "language_fr": {"ar": "Français", "fr": "Français", "en": "Français"},
    "language_en": {"ar": "English", "fr": "English", "en": "English"},
    "skip": {"ar": "الانتقال إلى المحتوى", "fr": "Aller au contenu", "en": "Skip to content"},
    "resume_title": {
        "ar": "رابط الاستئناف الخاص بكم",
        "fr": "Votre lien de reprise",
        "en": "Your resume link",
    },
    "resume_help": {
        "ar": "احتفظوا بهذا الرابط: يفتح تقييمكم في أي متصفح مع كل الإجابات المحفوظة. "
        "ومن يحصل عليه يستطيع الاطلاع على الإجابات وتعديلها، فلا تشاركوه إلا مع من يعنيه الأمر.",
        "fr": "Conservez ce lien : il rouvre votre évaluation dans n'importe quel navigateur, "
        "avec toutes les réponses enregistrées. Toute personne qui le détient peut consulter "
        "et modifier les réponses : ne le partagez qu'avec les personnes concernées.",
        "en": "Keep this link: it opens your assessment in any browser, with every saved answer. "
        "Anyone who has it can read and change the answers, so share it only with the people "
        "concerned.",
    },
    "copy_link": {"ar": "نسخ الرابط", "fr": "Copier le lien", "en": "Copy the link"},
    "copied": {"ar": "تم نسخ الرابط", "fr": "Lien copié", "en": "Link copied"},
    # landing and start
    "tagline": {
        "ar": "قيّموا جاهزية مؤسستكم للعمل عن بُعد واستمرارية الأعمال والأمن السيبراني، "
        "واحصلوا على خطة عمل مرتّبة حسب الأولوية.",
        "fr": "Évaluez la préparation de votre organisation au télétravail, à la continuité "
        "d'activité et à la cybersécurité, et obtenez un plan d'action priorisé.",
        "en": "Assess how ready your organisation is for remote work, business continuity and "
        "cybersecurity, and get a prioritised action plan.",
    },
    "how_title": {"ar": "كيف يجري التقييم", "fr": "Comment cela se passe", "en": "How it works"},
    "how_1": {
        "ar": "تجيبون عن أسئلة مجمّعة حسب المجالات، صفحةً بعد صفحة، ويُحفظ كل ما تدخلونه عند "
        "الانتقال من صفحة إلى أخرى.",
        "fr": "Vous répondez à des questions regroupées par domaine, page par page ; chaque page "
        "est enregistrée dès que vous passez à la suivante.",
        "en": "You answer questions grouped by domain, one page at a time; each page is saved "
        "as soon as you move on.",
    },
    "how_2": {
        "ar": "يمكنكم التوقف ثم المتابعة لاحقاً، ولو من جهاز آخر، بفضل رابط الاستئناف.",
        "fr": "Vous pouvez vous arrêter et reprendre plus tard, même depuis un autre appareil, "
        "grâce au lien de reprise.",
        "en": "You can stop and carry on later, even on another device, with the resume link.",
    },
    "how_3": {
        "ar": "بعد الإرسال، تطّلعون على نتائجكم حسب المجال، وتنزّلون تقريراً بصيغة PDF بالعربية "
        "أو الفرنسية أو الإنجليزية.",
        "fr": "Une fois l'évaluation soumise, vous voyez vos résultats par domaine et "
        "téléchargez un rapport PDF en arabe, en français ou en anglais.",
        "en": "Once you submit, you see your results by domain and download a PDF report in "
        "Arabic, French or English.",
    },
    "questionnaires": {
        "ar": "الاستبيانات المتاحة",
        "fr": "Questionnaires disponibles",
        "en": "Available questionnaires",
    },
    "minutes": {
        "ar": "مدته التقريبية بالدقائق: {minutes}",
        "fr": "environ {minutes} minutes",
        "en": "about {minutes} minutes",
    },
    "privacy_title": {
        "ar": "بياناتكم",
        "fr": "Vos données",
        "en": "Your data",
    },
    "privacy_what": {
        "ar": "ما نحفظه: اسم المؤسسة وقطاعها وفئة عدد العاملين فيها وإجاباتكم. "
        "لا نطلب أي معطيات شخصية عنكم أو عن العاملين لديكم.",
        "fr": "Ce que nous enregistrons : le nom de l'organisation, son secteur, sa tranche "
        "d'effectif et vos réponses. Aucune donnée personnelle sur vous ou sur votre "
        "personnel n'est demandée.",
        "en": "What we store: the organisation's name, sector and size band, and your answers. "
        "No personal data about you or your staff is asked for.",
    },
    "privacy_who": {
        "ar": "من يطّلع عليها: أنتم، عبر رابط الاستئناف، ومستشارو الجهة التي تقدّم هذه الخدمة، "
        "لمراجعة التقييم ومقارنة النتائج بصورة مجمّعة مع مؤسسات القطاع نفسه.",
        "fr": "Qui les voit : vous, grâce à votre lien de reprise, et les consultants de "
        "l'organisme qui propose ce service, pour revoir l'évaluation et comparer les "
        "résultats, de façon agrégée, avec ceux du même secteur.",
        "en": "Who sees them: you, through your resume link, and the consultants of the body "
        "that runs this service, to review the assessment and compare results, in aggregate, "
        "with others in the same sector.",
    },
    "privacy_how_long": {
        "ar": "مدة الحفظ: يُحذف التقييم غير المُرسَل تلقائيًا بعد {days} يومًا من آخر تعديل "
        "عليه. أما التقييم المُرسَل فيبقى محفوظًا إلى أن تطلبوا من الجهة التي تقدّم الخدمة نسخة "
        "منه أو حذفه، وهو حقّ يكفله لكم القانون 09.08.",
        "fr": "Durée de conservation : une évaluation non soumise est supprimée {days} jours "
        "après sa dernière modification. Une évaluation soumise est conservée jusqu'à ce que vous "
        "en demandiez une copie ou la suppression à l'organisme qui propose ce service, comme la "
        "loi 09-08 vous en donne le droit.",
        "en": "How long: an assessment that is not submitted is deleted {days} days after its "
        "last change. A submitted assessment is kept until you ask the body that runs this "
        "service for a copy of it or for its deletion, as law 09-08 entitles you to.",
    },
    "start_title": {
        "ar": "بدء تقييم",
        "fr": "Commencer une évaluation",
        "en": "Start an assessment",
    },
    "field_language": {
        "ar": "لغة التقييم",
        "fr": "Langue de l'évaluation",
        "en": "Language of the assessment",
    },
    "field_questionnaire": {"ar": "الاستبيان", "fr": "Questionnaire", "en": "Questionnaire"},
    "field_sector": {"ar": "قطاع النشاط", "fr": "Secteur d'activité", "en": "Sector"},
    "field_organisation": {
        "ar": "اسم المؤسسة",
        "fr": "Nom de l'organisation",
        "en": "Name of the organisation",
    },
    "field_size": {"ar": "عدد العاملين", "fr": "Effectif", "en": "Number of staff"},
    "size_1-9": {"ar": "من 1 إلى 9 أشخاص", "fr": "1 à 9 personnes", "en": "1 to 9 people"},
    "size_10-49": {"ar": "من 10 إلى 49 شخصاً", "fr": "10 à 49 personnes", "en": "10 to 49 people"},
    "size_50-249": {
        "ar": "من 50 إلى 249 شخصاً",
        "fr": "50 à 249 personnes",
        "en": "50 to 249 people",
    },
    "size_250+": {
        "ar": "250 شخصاً فأكثر",
        "fr": "250 personnes et plus",
        "en": "250 people or more",
    },
    "choose": {"ar": "اختاروا…", "fr": "Choisissez…", "en": "Choose…"},
    "start": {"ar": "بدء التقييم", "fr": "Commencer", "en": "Start"},
    "print_title": {
        "ar": "استبيانات للطباعة",
        "fr": "Questionnaires à imprimer",
        "en": "Questionnaires to print",
    },
    "print_note": {
        "ar": "لإجراء مقابلة على الورق، اطبعوا الاستبيان الخاص بقطاعكم (PDF):",
        "fr": "Pour un entretien sur papier, imprimez le questionnaire de votre secteur (PDF) :",
        "en": "For an interview on paper, print the questionnaire for your sector (PDF):",
    },
    "api_note": {
        "ar": "يمكن أيضاً إنشاء التقييمات عبر واجهة برمجة التطبيقات (API):",
        "fr": "Les évaluations peuvent aussi être créées par l'API :",
        "en": "Assessments can also be created through the API:",
    },
    # errors in forms
    "error_summary": {
        "ar": "يُرجى تصحيح ما يلي:",
        "fr": "Veuillez corriger les points suivants :",
        "en": "Please correct the following:",
    },
    "error_choose": {
        "ar": "اختاروا أحد الخيارات المقترحة.",
        "fr": "Choisissez l'une des options proposées.",
        "en": "Choose one of the options offered.",
    },
    "error_sector": {
        "ar": "هذا القطاع غير متاح في الاستبيان الذي اخترتموه.",
        "fr": "Ce secteur n'est pas proposé pour le questionnaire choisi.",
        "en": "This sector is not offered for the chosen questionnaire.",
    },
    "error_name": {
        "ar": "أدخلوا اسم مؤسستكم.",
        "fr": "Indiquez le nom de votre organisation.",
        "en": "Give the name of your organisation.",
    },
    "error_name_long": {
        "ar": "يجب ألا يتجاوز عدد أحرف الاسم {limit}.",
        "fr": "Le nom ne doit pas dépasser {limit} caractères.",
        "en": "The name must be at most {limit} characters long.",
    },
    "error_number": {
        "ar": "أدخلوا عدداً، مثل 12 أو 12,5.",
        "fr": "Indiquez un nombre, par exemple 12 ou 12,5.",
        "en": "Give a number, for example 12 or 12.5.",
    },
    "error_min": {
        "ar": "يجب ألا يقل العدد عن {limit}.",
        "fr": "Le nombre doit être au moins égal à {limit}.",
        "en": "The number must be at least {limit}.",
    },
    "error_max": {
        "ar": "يجب ألا يتجاوز العدد {limit}.",
        "fr": "Le nombre ne doit pas dépasser {limit}.",
        "en": "The number must be at most {limit}.",
    },
    "error_text_reserved": {
        "ar": "اكتبوا بضع كلمات بدل «na» أو «dont_know» وحدها.",
        "fr": "Écrivez quelques mots plutôt que « na » ou « dont_know » seul.",
        "en": "Write a few words rather than 'na' or 'dont_know' alone.",
    },
    "error_text_long": {
        "ar": "عدد أحرف النص {length}، والحد الأقصى {limit}.",
        "fr": "Le texte compte {length} caractères ; la limite est de {limit}.",
        "en": "The text is {length} characters long; the limit is {limit}.",
    },
    "error_multi_alone": {
        "ar": "لا يمكن اختيار «لا شيء مما سبق» أو «لا ينطبق» أو «لا أعرف» مع خيارات أخرى.",
        "fr": "« Aucune de ces réponses », « Sans objet » et « Je ne sais pas » ne peuvent pas "
        "être combinés avec d'autres choix.",
        "en": "'None of these', 'Not applicable' and 'I don't know' cannot be combined with "
        "other choices.",
    },
    "error_confirm": {
        "ar": "ضعوا علامة في الخانة لتأكيد الإرسال رغم وجود أسئلة بلا إجابة.",
        "fr": "Cochez la case pour confirmer la soumission malgré les questions sans réponse.",
        "en": "Tick the box to confirm that you submit with questions unanswered.",
    },
    "csrf_expired": {
        "ar": "بقيت هذه الصفحة مفتوحة مدة طويلة، فلم تُحفظ إجاباتها بعد حفاظاً على أمانكم. "
        "ما أدخلتموه ما زال أدناه: راجعوه ثم احفظوا من جديد.",
        "fr": "Cette page est restée ouverte trop longtemps : par sécurité, ses réponses n'ont "
        "pas encore été enregistrées. Ce que vous avez saisi est conservé ci-dessous : "
        "vérifiez-le puis enregistrez à nouveau.",
        "en": "This page stayed open too long, so for your security its answers were not saved "
        "yet. What you typed is kept below: check it and save again.",
    },
    "busy": {
        "ar": "الخدمة مشغولة حالياً، فلم يُحفظ شيء من هذه الصفحة. ما أدخلتموه ما زال أدناه: "
        "أعيدوا الحفظ بعد لحظات.",
        "fr": "Le service est momentanément occupé : rien n'a été enregistré sur cette page. "
        "Ce que vous avez saisi est conservé ci-dessous ; enregistrez à nouveau dans un instant.",
        "en": "The service is busy, so nothing on this page was saved. What you typed is kept "
        "below: save again in a moment.",
    },
    "not_saved": {
        "ar": "تعذّر حفظ هذه الصفحة. ما أدخلتموه ما زال أدناه: راجعوه ثم احفظوا من جديد.",
        "fr": "Cette page n'a pas pu être enregistrée. Ce que vous avez saisi est conservé "
        "ci-dessous : vérifiez-le puis enregistrez à nouveau.",
        "en": "This page could not be saved. What you typed is kept below: check it and save "
        "again.",
    },
    # opening a resume link while another assessment is open
    "switch_title": {
        "ar": "فتح تقييم آخر؟",
        "fr": "Ouvrir une autre évaluation ?",
        "en": "Open another assessment?",
    },
    "switch_open": {
        "ar": "التقييم المفتوح حالياً في هذا المتصفح يخص:",
        "fr": "L'évaluation ouverte dans ce navigateur est celle de :",
        "en": "The assessment open in this browser is that of:",
    },
    "switch_link": {
        "ar": "أما الرابط الذي فتحتموه فيخص:",
        "fr": "Le lien que vous avez ouvert mène à celle de :",
        "en": "The link you opened leads to that of:",
    },
    "switch_note": {
        "ar": "يبقى التقييم الحالي محفوظاً، ويمكنكم الرجوع إليه لاحقاً برابط الاستئناف الخاص به.",
        "fr": "L'évaluation actuelle reste enregistrée : vous pourrez y revenir avec son "
        "propre lien de reprise.",
        "en": "The current assessment stays saved: you can come back to it with its own "
        "resume link.",
    },
    "switch_confirm": {
        "ar": "فتح التقييم الآخر",
        "fr": "Ouvrir l'autre évaluation",
        "en": "Open the other assessment",
    },
    "switch_keep": {
        "ar": "البقاء في التقييم الحالي",
        "fr": "Rester sur l'évaluation actuelle",
        "en": "Stay with the current assessment",
    },
    # the started page
    "started_title": {
        "ar": "تقييمكم جاهز",
        "fr": "Votre évaluation est prête",
        "en": "Your assessment is ready",
    },
    "started_text": {
        "ar": "احفظوا رابط الاستئناف أدناه قبل البدء (في المفضلة أو في رسالة إلى أنفسكم): "
        "هو السبيل الوحيد للعودة إلى التقييم من متصفح أو جهاز آخر.",
        "fr": "Avant de commencer, conservez le lien de reprise ci-dessous (dans vos favoris ou "
        "dans un message à vous-même) : c'est le seul moyen de revenir à l'évaluation depuis "
        "un autre navigateur ou appareil.",
        "en": "Before you begin, keep the resume link below (as a bookmark or in a message to "
        "yourself): it is the only way back to the assessment from another browser or device.",
    },
    "begin": {"ar": "بدء الإجابة", "fr": "Commencer à répondre", "en": "Begin answering"},
    # the pages of answers
    "sections": {"ar": "أقسام التقييم", "fr": "Sections", "en": "Sections"},
    "section_of": {
        "ar": "القسم {n} من {count}",
        "fr": "Section {n} sur {count}",
        "en": "Section {n} of {count}",
    },
    "answered_of": {
        "ar": "الأسئلة المُجاب عنها: {answered} من {asked}",
        "fr": "Questions renseignées : {answered} sur {asked}",
        "en": "{answered} of {asked} questions answered",
    },
    "required": {"ar": "إلزامي", "fr": "obligatoire", "en": "required"},
    "answer_na": {"ar": "لا ينطبق", "fr": "Sans objet", "en": "Not applicable"},
    "answer_dont_know": {"ar": "لا أعرف", "fr": "Je ne sais pas", "en": "I don't know"},
    "answer_none": {
        "ar": "لا شيء مما سبق",
        "fr": "Aucune de ces réponses",
        "en": "None of these",
    },
    "save_next": {"ar": "حفظ ومتابعة", "fr": "Enregistrer et continuer", "en": "Save and continue"},
    "save_previous": {
        "ar": "حفظ والعودة إلى القسم السابق",
        "fr": "Enregistrer et revenir en arrière",
        "en": "Save and go back",
    },
    "save_stay": {"ar": "حفظ", "fr": "Enregistrer", "en": "Save"},
    "save_review": {
        "ar": "حفظ ومراجعة الإجابات",
        "fr": "Enregistrer et vérifier",
        "en": "Save and review",
    },
    "no_questions": {
        "ar": "لا يتضمن هذا القسم أي سؤال بالنظر إلى إجاباتكم السابقة.",
        "fr": "Compte tenu de vos réponses précédentes, cette section ne comporte aucune question.",
        "en": "Given your earlier answers, this section has no questions.",
    },
    "conflict_message": {
        "ar": "عُدّلت بعض الإجابات من مكان آخر (علامة تبويب أو متصفح آخر) بعد فتح هذه الصفحة، "
        "فلم نحفظ ما أدخلتموه مكانها. إجاباتكم ما زالت أدناه، وتحت كل منها القيمة "
        "المحفوظة الأحدث: احفظوا من جديد للإبقاء على إجاباتكم.",
        "fr": "Certaines réponses ont été modifiées ailleurs (dans un autre onglet ou navigateur) "
        "après l'ouverture de cette page : nous ne les avons pas remplacées. Vos réponses sont "
        "conservées ci-dessous ; sous chacune figure la valeur plus récente enregistrée ailleurs. "
        "Enregistrez à nouveau pour garder les vôtres.",
        "en": "Some answers were changed elsewhere (in another tab or browser) after this page "
        "was opened, so we did not replace them. Your answers are kept below, each with the "
        "newer saved value under it. Save again to keep yours.",
    },
    "conflict_value": {
        "ar": "القيمة المحفوظة من مكان آخر: {value}",
        "fr": "Valeur enregistrée ailleurs : {value}",
        "en": "Saved elsewhere: {value}",
    },
    "no_answer": {"ar": "بلا إجابة", "fr": "sans réponse", "en": "no answer"},
    "new_questions": {
        "ar": "ظهرت في هذه الصفحة أسئلة جديدة بناءً على إجاباتكم.",
        "fr": "Compte tenu de vos réponses, de nouvelles questions sont apparues sur cette page.",
        "en": "Following your answers, new questions appeared on this page.",
    },
    "read_only": {
        "ar": "أُرسل هذا التقييم، ولم يعد بالإمكان تعديل إجاباته.",
        "fr": "Cette évaluation a été soumise : ses réponses ne peuvent plus être modifiées.",
        "en": "This assessment has been submitted: its answers can no longer change.",
    },
    # review and submit
    "review_title": {
        "ar": "مراجعة الإجابات وإرسالها",
        "fr": "Vérifier et soumettre",
        "en": "Review and submit",
    },
    "all_answered": {
        "ar": "أجبتم عن جميع الأسئلة. يمكنكم إرسال التقييم.",
        "fr": "Vous avez répondu à toutes les questions. Vous pouvez soumettre l'évaluation.",
        "en": "Every question has an answer. You can submit the assessment.",
    },
    "gaps_title": {
        "ar": "أسئلة بلا إجابة",
        "fr": "Questions sans réponse",
        "en": "Questions without an answer",
    },
    "gaps_count": {
        "ar": "عدد الأسئلة التي لم تُجيبوا عنها: {count}.",
        "fr": "Questions sans réponse : {count}.",
        "en": "Questions without an answer: {count}.",
    },
    "gaps_required": {
        "ar": "منها أسئلة إلزامية: {required}.",
        "fr": "Dont obligatoires : {required}.",
        "en": "Of these, required: {required}.",
    },
    "gaps_warning": {
        "ar": "تُحتسب الأسئلة التي بلا إجابة صفراً في الدرجات. ما زال بإمكانكم الرجوع إليها "
        "والإجابة عنها قبل الإرسال.",
        "fr": "Les questions sans réponse comptent pour 0 dans les scores. Vous pouvez encore y "
        "revenir et y répondre avant de soumettre.",
        "en": "Unanswered questions count as 0 in the scores. You can still go back and answer "
        "them before you submit.",
    },
    "confirm_gaps": {
        "ar": "أعلم أن الأسئلة التي بلا إجابة ستُحتسب صفراً، وأرغب في الإرسال الآن.",
        "fr": "Je comprends que les questions sans réponse compteront pour 0 et je souhaite "
        "soumettre l'évaluation maintenant.",
        "en": "I understand that unanswered questions will count as 0, and I submit now.",
    },
    "submit_note": {
        "ar": "بعد الإرسال، لن يكون بالإمكان تعديل الإجابات.",
        "fr": "Une fois l'évaluation soumise, les réponses ne pourront plus être modifiées.",
        "en": "Once submitted, the answers can no longer be changed.",
    },
    "submit": {
        "ar": "إرسال التقييم",
        "fr": "Soumettre l'évaluation",
        "en": "Submit the assessment",
    },
    # results
    "results_title": {"ar": "النتائج", "fr": "Résultats", "en": "Results"},
    "organisation": {"ar": "المؤسسة", "fr": "Organisation", "en": "Organisation"},
    "completeness": {
        "ar": "نسبة الأسئلة المُجاب عنها: {percent}%",
        "fr": "Taux de réponse : {percent} %",
        "en": "Questions answered: {percent}%",
    },
    "overall": {"ar": "الدرجة الإجمالية", "fr": "Score global", "en": "Overall score"},
    "domain": {"ar": "المجال", "fr": "Domaine", "en": "Domain"},
    "score": {"ar": "الدرجة", "fr": "Score", "en": "Score"},
    "level": {"ar": "المستوى", "fr": "Niveau", "en": "Level"},
    "level_value": {
        "ar": "المستوى {level}: {name}",
        "fr": "Niveau {level} : {name}",
        "en": "Level {level}: {name}",
    },
    "not_assessed": {"ar": "غير مُقيَّم", "fr": "Non évalué", "en": "Not assessed"},
    "no_recommendations": {
        "ar": "لا توجد توصيات: إجاباتكم لا تكشف عن ثغرات.",
        "fr": "Aucune recommandation : vos réponses ne révèlent pas de lacune.",
        "en": "No recommendations: your answers show no gaps.",
    },
    "priority_actions": {
        "ar": "الإجراءات ذات الأولوية",
        "fr": "Actions prioritaires",
        "en": "Priority actions",
    },
    "why": {"ar": "لماذا", "fr": "Pourquoi", "en": "Why"},
    "how": {"ar": "كيف", "fr": "Comment", "en": "How"},
    "effort_value": {
        "ar": "الجهد: {value}",
        "fr": "Effort : {value}",
        "en": "Effort: {value}",
    },
    "horizon_30d": {
        "ar": "خلال 30 يوماً (إجراءات سريعة)",
        "fr": "Sous 30 jours (gains rapides)",
        "en": "Within 30 days (quick wins)",
    },
    "horizon_90d": {"ar": "خلال 90 يوماً", "fr": "Sous 90 jours", "en": "Within 90 days"},
    "horizon_12m": {"ar": "خلال 12 شهراً", "fr": "Sous 12 mois", "en": "Within 12 months"},
    "action_plan": {
        "ar": "خطة العمل حسب الأجل",
        "fr": "Plan d'action par échéance",
        "en": "Action plan by horizon",
    },
    "projected_title": {
        "ar": "الدرجات المتوقعة بعد تنفيذ الإجراءات",
        "fr": "Scores attendus une fois les actions réalisées",
        "en": "Scores expected once the actions are done",
    },
    "projected_note": {
        "ar": "تفترض هذه التقديرات أن كل إجراء مرتبط بسؤال يرفع الإجابة عنه إلى أفضل مستوى.",
        "fr": "Ces projections supposent que chaque action liée à une question porte la "
        "réponse à son meilleur niveau.",
        "en": "These projections assume that each action tied to a question brings its answer "
        "to the best level.",
    },
    "now": {"ar": "حالياً", "fr": "Aujourd'hui", "en": "Now"},
    "after_actions": {
        "ar": "بعد أول {n} إجراءات",
        "fr": "Après les {n} premières actions",
        "en": "After the first {n} actions",
    },
    "how_computed": {
        "ar": "كيف حُسبت هذه الدرجات؟",
        "fr": "Comment ces scores sont-ils calculés ?",
        "en": "How were these scores computed?",
    },
    "how_computed_intro": {
        "ar": "درجة كل مجال هي المتوسط المرجّح لنقاط أسئلته المحتسبة، على سلّم من 0 إلى 100. "
        "يبيّن الجدول إسهام كل سؤال، ومجموع الإسهامات يساوي درجة المجال.",
        "fr": "Le score d'un domaine est la moyenne pondérée des points de ses questions "
        "comptées, sur 100. Le tableau donne l'apport de chaque question ; leur somme fait "
        "le score du domaine.",
        "en": "A domain's score is the weighted mean of the points of its counted questions, "
        "out of 100. The table gives what each question adds; together they make the domain's "
        "score.",
    },
    "col_question": {"ar": "السؤال", "fr": "Question", "en": "Question"},
    "col_answer": {"ar": "الإجابة", "fr": "Réponse", "en": "Answer"},
    "col_points": {"ar": "النقاط", "fr": "Points", "en": "Points"},
    "col_weight": {"ar": "الوزن", "fr": "Poids", "en": "Weight"},
    "col_contribution": {"ar": "الإسهام", "fr": "Apport", "en": "Adds"},
    "excluded_title": {
        "ar": "أسئلة غير محتسبة",
        "fr": "Questions non comptées",
        "en": "Questions not counted",
    },
    "reason_na": {"ar": "لا ينطبق", "fr": "sans objet", "en": "not applicable"},
    "reason_unanswered": {
        "ar": "بلا إجابة (مسودة)",
        "fr": "sans réponse (brouillon)",
        "en": "no answer (draft)",
    },
    "reason_hidden": {
        "ar": "غير معروض بناءً على إجابة أخرى",
        "fr": "masquée par une autre réponse",
        "en": "hidden by another answer",
    },
    "reason_other_sector": {
        "ar": "خاص بقطاعات أخرى",
        "fr": "propre à d'autres secteurs",
        "en": "asked in other sectors only",
    },
    "reason_not_scored": {
        "ar": "للمعلومة فقط، دون نقاط",
        "fr": "pour information, sans points",
        "en": "for information, not scored",
    },
    "capped_note": {
        "ar": "حُدّ مستوى هذا المجال بسبب ضعف في ضابط أساسي.",
        "fr": "Le niveau de ce domaine est plafonné par un point de contrôle essentiel "
        "insuffisant.",
        "en": "This domain's level is capped by a weak essential control.",
    },
    "report": {
        "ar": "تنزيل التقرير (PDF)",
        "fr": "Télécharger le rapport (PDF)",
        "en": "Download the report (PDF)",
    },
    "report_ar": {"ar": "بالعربية", "fr": "en arabe", "en": "in Arabic"},
    "report_fr": {"ar": "بالفرنسية", "fr": "en français", "en": "in French"},
    "report_en": {"ar": "بالإنجليزية", "fr": "en anglais", "en": "in English"},
    # errors
    "error_title": {"ar": "تعذّر عرض الصفحة", "fr": "Page indisponible", "en": "Page unavailable"},
    "no_assessment": {
        "ar": "لا يوجد تقييم مفتوح في هذا المتصفح. افتحوا رابط الاستئناف الخاص بكم، "
        "أو ابدأوا تقييماً جديداً.",
        "fr": "Aucune évaluation n'est ouverte dans ce navigateur. Ouvrez votre lien de reprise "
        "ou commencez une nouvelle évaluation.",
        "en": "No assessment is open in this browser. Open your resume link, or start a new "
        "assessment.",
    },
    "unknown_link": {
        "ar": "رابط الاستئناف هذا غير صالح. تحقّقوا من أنه نُسخ كاملاً.",
        "fr": "Ce lien de reprise n'est pas valide. Vérifiez qu'il a été copié en entier.",
        "en": "This resume link is not valid. Check that it was copied in full.",
    },
    "unknown_page": {
        "ar": "هذه الصفحة غير موجودة في هذا التقييم.",
        "fr": "Cette page n'existe pas dans cette évaluation.",
        "en": "This page does not exist in this assessment.",
    },
    "error_404": {
        "ar": "هذه الصفحة غير موجودة.",
        "fr": "Cette page n'existe pas.",
        "en": "This page does not exist.",
    },
    "error_405": {
        "ar": "لا يمكن فتح هذه الصفحة بهذه الطريقة.",
        "fr": "Cette page ne peut pas être ouverte de cette façon.",
        "en": "This page cannot be opened this way.",
    },
    "error_413": {
        "ar": "البيانات المرسلة أكبر من الحد المسموح به.",
        "fr": "Les données envoyées dépassent la taille autorisée.",
        "en": "The data sent is larger than allowed.",
    },
    "error_other": {
        "ar": "حدث خلل من جهتنا. أعيدوا المحاولة بعد لحظات؛ إجاباتكم المحفوظة لم تضِع.",
        "fr": "Un problème est survenu de notre côté. Réessayez dans un instant ; vos réponses "
        "enregistrées ne sont pas perdues.",
        "en": "Something went wrong on our side. Try again in a moment; your saved answers "
        "are not lost.",
    },
    "home": {"ar": "الصفحة الرئيسية", "fr": "Page d'accueil", "en": "Home page"},
}


UI |= {f"effort_{level}": names for level, names in EFFORT.items()}  # as the methodology says
UI |= WORKSPACE


@cache
def texts(lang: str) -> dict[str, str]:
    """Every interface string in one language."""
    return {key: value[lang] for key, value in UI.items()}
