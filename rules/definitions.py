"""Every rule of the advice, as data: id, when it applies, its weight, its Dutch sentence and the
part of the report that motivates it. The engine compiles the condition rules into durable-rules
rulesets; composition and explanation read their sentences from the same table; the page "Hoe
komt het advies tot stand?", the start-up check and the tests read it too.

Conditions are tuples (field, operator, value) over one fact, all of which must hold; the
operator "in" means "equals one of". Templates name the fact fields they are filled from."""

from dataclasses import dataclass

Clause = tuple[str, str, object]

SUGGESTION, WARNING, FIRST_STEP = "suggestie", "waarschuwing", "eerste-stap"
FILTER, SCORE, CAVEAT, PLACEMENT, PACKAGE = "filter", "score", "kanttekening", "plaatsing", "pakket"
KIND_LABELS = {
    SUGGESTION: "Voorstelregels: van uw antwoorden naar beschermende factoren",
    WARNING: "Waarschuwingen bij uw antwoorden en het pakket",
    FIRST_STEP: "Eerste stappen, afhankelijk van de fase van uw aanpak",
    FILTER: "Filters: uw voorkeuren sluiten interventies uit",
    SCORE: "Scoreregels: hoe goed een interventie bij uw situatie past",
    CAVEAT: "Kanttekeningen bij een interventie",
    PLACEMENT: "Plaatsingsregels: waarom een interventie wel of niet in het pakket staat",
    PACKAGE: "Pakketregels: samen een samenhangende aanpak",
}


@dataclass(frozen=True)
class Verdict:
    """One possible outcome of a package rule: met or not, when, and its sentence."""
    met: bool
    when: tuple[Clause, ...]
    template: str


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    title: str
    when: tuple[Clause, ...]
    template: str
    source: str
    weight: float | None = None
    per: str | None = None          # SCORE: the fact field that counts how often the weight applies
    factors: tuple[str, ...] = ()   # SUGGESTION: the protective factors it suggests
    verdicts: tuple[Verdict, ...] = ()  # PACKAGE: the outcomes, the first that holds wins
    label: str | None = None        # CAVEAT: the short badge the catalogue shows


def _answer(question: str, *values: str) -> tuple[Clause, ...]:
    return (("kind", "==", "answer"), ("question", "==", question), ("value", "in", list(values)))


# Package sizes per capacity (issue 11): the default maximum is the upper bound.
CAPACITY_SIZES = {"beperkt": (2, 3), "gemiddeld": (4, 5), "ruim": (6, 8)}
DEFAULT_MAX_SIZE = 8
MAX_SIZE_WARNING = 20

# Risk factors that are characteristics, not circumstances (report 2.2: "die vaker verwijzen
# naar een kenmerk dan een omstandigheid"): not influenced by interventions, so they suggest
# no protective factor, only a warning against stigma.
CHARACTERISTICS = ("jongere-leeftijd", "geslacht-man", "praktisch-opgeleid",
                   "sterke-religieuze-of-nationale-identiteit-voor-sommige-varianten-van-extremisme",
                   "eerste-generatie-migratieachtergrond")

# Circumstances and their protective mirror image (report 2.2: risk and protective factors are
# often each other's mirror image; the factors of tables 2.1-2.6). One rule per mirror, so each
# suggestion names the rule that made it.
MIRRORS = (
    ("GEESTELIJKE-GEZONDHEID", ("gezonde-mentale-gezondheid",), (
        "psychische-of-psychosociale-kwetsbaarheid-als-trauma-persoonlijkheidsstoornis-of-depressie",)),
    ("IDENTITEIT", ("positieve-stabiele-identiteitsontwikkeling",), ("identiteitscrises",)),
    ("KRITISCH-DENKEN", ("kritisch-en-complex-denkvermogen",), ("rigide-denkstijl-behoefte-aan-cognitieve-closure",)),
    ("ZELFONTPLOOIING", ("zelfontplooiing",), ("gebrek-aan-agency-of-doenvermogen",)),
    ("EMOTIEREGULATIE", ("gezonde-emotieregulatie",), (
        "bepaalde-emotionele-kenmerken-of-toestand-bijvoorbeeld-een-combinatie-van-wrok-en-woede-maar-ook-schaamte",)),
    ("ZELFBEHEERSING", ("zelfbeheersing",), (
        "bepaalde-cognitieve-processen-persoonlijkheidskenmerken-obsessief-zijn-op-zoek-zijn-naar-spanning-impulsiviteit-risico-nemend-zijn",)),
    ("VERTROUWEN", ("algeheel-vertrouwen",), ("gevoelens-van-onzekerheid",)),
    ("RELATIES", ("stabiele-positieve-en-ondersteunende-relaties-met-peers-en-gemeenschap",), (
        "gevoelens-van-isolatie-en-eenzaamheid", "verbreken-van-sociale-banden",
        "blootstelling-aan-contact-met-extreme-groepen-bijvoorbeeld-via-online-anonieme-contacten",
        "geradicaliseerde-vrienden", "persoonlijke-uitsluiting-door-sociale-omgeving-gepest-worden-weinig-vrienden")),
    ("THUISSITUATIE", ("stabiele-thuissituatie",), (
        "onstabiele-thuissituatie-ruzies-scheiding-ouders-misbruik-door-ouders-huiselijk-geweld-onveilige-hechting-geen-aandacht-voor-elkaar-etc",
        "huwelijksproblemen-met-partner", "gezinsproblemen", "geradicaliseerde-partner-of-familieleden",
        "intergenerationele-overdracht-van-radicaal-of-extremistisch-gedachtengoed")),
    ("OPVOEDSTIJL", ("positieve-opvoedstijl",), ("opvoedstijl-ouders-handelingsverlegen-weinig-zicht-op-leefwereld-kind",)),
    ("DAGBESTEDING", ("constructieve-dagbesteding-of-vrijetijdsbesteding",), ("schooluitval", "werkeloosheid")),
    ("SCHOOLBAND", ("goede-en-positieve-band-met-school-werk",), ("slechte-band-met-docenten",)),
    ("MEDIAWIJSHEID", ("mediawijsheid",), (
        "in-aanraking-komen-met-en-consumptie-van-extremistische-propaganda",
        "online-blootstelling-aan-radicaal-extremistische-inhoud", "beperkte-digitale-weerbaarheid",
        "in-een-bubbel-zitten", "in-aanraking-komen-met-mis-en-desinformatie")),
    ("ONLINE-GROEPSDRUK", ("weerbaarheid-tegen-online-groepsdruk",), (
        "groepsdynamieken-en-psychologische-druk-van-recruiters-en-charismatische-leiders",)),
    ("SOCIALE-VEILIGHEID", ("prosociale-normen-en-sociale-veiligheid",), ("blootstelling-aan-zowel-offline-als-online-geweld",)),
    ("CONTACT", ("positief-contact-tussen-diverse-groepen",), ("ervaren-van-in-group-superioriteit",)),
    ("SOCIAAL-VERTROUWEN", ("sociaal-vertrouwen",), ("laag-vertrouwen-in-andersdenkenden",)),
    ("INCLUSIE", ("binding-met-de-conventionele-samenleving",), (
        "ervaringen-met-en-gevoelens-van-uitsluiting-achterstelling-discriminatie-en-racisme-o-a-arbeidsmarktdiscriminatie-of-stagediscriminatie",
        "maatschappelijke-vervreemding")),
    ("INSTITUTIES", ("vertrouwen-in-democratische-instituties-en-rechtsstaat",), (
        "negatieve-ervaringen-met-autoriteiten-of-politie", "laag-vertrouwen-in-de-overheid-en-of-traditionele-media")),
    ("WIJ-ZIJ", ("gemeenschappelijke-identiteiten-benadrukken",), ("aanwezigheid-van-wij-zij-narratieven-in-samenleving",)),
    ("INSPRAAK", ("participatie-in-besluitvorming-en-politieke-inspraak",), (
        "politieke-desinteresse-voor-sommige-varianten-van-extremisme", "ervaren-van-afstand-tot-overheid",
        "politieke-grieven")),
    ("GELIJKE-KANSEN", ("group-efficacy",), (
        "ervaren-deprivatie-op-individueel-persoonlijk-niveau-bijvoorbeeld-door-discriminatie-of-marginalisatie",
        "grote-inkomensverschillen", "ervaren-van-horizontale-en-of-verticale-groepsdeprivatie",
        "ervaren-deprivatie-op-collectief-niveau")),
    ("BASISZEKERHEID", ("gevoel-van-basiszekerheid",), (
        "hoge-mate-van-werkeloosheid", "opgroeien-in-kansarme-context-schuldenproblematiek-kansenongelijkheid",
        "financiele-kwetsbaarheid")),
)
MIRRORED = tuple(rid for _, _, risks in MIRRORS for rid in risks)

# Interventions aimed at one religious or ethnic group (their target group as the report
# describes it); the package then gets the framing warning W-EEN-GROEP.
ONE_GROUP_INTERVENTIONS = ("diamant", "vechten-voor-vrede-spior", "oumnia-works-steunpunt-sabr",
                           "tegengeluid-perspectief-contactorgaan-moslims-en-overheid-cmo", "coach-je-kind",
                           "gezinsondersteuning-al-amal")

# Target groups a system intervention (bouwsteen 6, type 9) serves: the municipality itself and
# its professionals and key figures, not young people.
SYSTEM_GROUPS = ("gemeente", "professionals-onderwijs", "professionals-jeugd", "professionals-veiligheid-zorg",
                 "sleutelfiguren")
FAMILY_TYPE, PARENT_TYPE, SYSTEM_TYPE = "3", "2", "9"

# Indicators per intervention type (issue 11, finding 7): what a municipality can measure for
# an intervention of that type, following the aims Bijlage 2 gives the type. Each speaks of the
# 'deelnemers' (INDICATOR_REACH names who they are), so that it fits every intervention of the type;
# the three variants below replace the line of their type where the intervention's data says more
# (rules/guidance.py, type_indicator, says when).
TYPE_INDICATORS = {
    "1": "Verandering in de weerbaarheid van de deelnemers (korte vragenlijst voor en na).",
    "1.1": "Aandeel deelnemers dat na afloop misleiding en andere risico's online herkent en weet wat te doen (korte toets voor en na).",
    "1.2": "Verandering in empathie, sociale vaardigheden en omgaan met conflicten bij deelnemers (oordeel van deelnemers en begeleiders, voor en na).",
    "1.3": "Verandering in kritisch denken en democratische houding van deelnemers (stellingen voor en na de lessen).",
    "2": "Verandering in de ervaren handelingsbekwaamheid van de deelnemende ouders en opvoeders bij zorgen over hun kind (voor en na).",
    "3": "De ervaren grip van de ondersteunde families op de situatie, en het aantal doorverwijzingen naar lokale hulp.",
    "4": "Verandering in zelfvertrouwen, identiteit en weerbaarheid van de deelnemers (voor en na).",
    "5": "Verandering in onderling contact tussen groepen en in de ervaren veiligheid bij de deelnemers (korte peiling voor en na).",
    "6": "Verandering in vooroordelen bij deelnemers, of in hun weerbaarheid bij ervaren discriminatie (voor en na).",
    "7": "Aantal deelnemers dat (weer) naar school gaat, werk of een stage vindt of een basisvoorziening bereikt.",
    "8": "Verandering in het vertrouwen van de deelnemers in de overheid en de democratische instituties (korte vragenlijst voor en na).",
    "9": "Aantal aangesloten partners en professionals, aantal gedeelde en opgepakte signalen, en de tijd tot een gezamenlijke aanpak.",
}
# subtype 1.1 where the intervention refers explicitly to polarisation or radicalisation (expliciet)
INDICATOR_MEDIA_EXPLICIT = ("Aandeel deelnemers dat na afloop mis- en desinformatie en polariserende of extremistische "
                            "online inhoud herkent (korte toets voor en na).")
# type 5 where the intervention works in the neighbourhood with its residents, not at school
INDICATOR_NEIGHBOURHOOD = ("Aantal actieve bewoners en verandering in onderling contact en ervaren veiligheid in de wijk "
                           "(korte bewonerspeiling).")
# type 8 where the intervention is linked to having a say (PARTICIPATION_FACTOR): a children's council
# is about inspraak, a lesson on how the courts work is not
PARTICIPATION_FACTOR = "participatie-in-besluitvorming-en-politieke-inspraak"
INDICATOR_TRUST_AND_SAY = ("Verandering in het vertrouwen van de deelnemers in de overheid en de democratische "
                           "instituties, en in hun ervaren inspraak (korte vragenlijst voor en na).")
# type 8 where the intervention serves only the municipality and its professionals (SYSTEM_GROUPS)
INDICATOR_GOVERNMENT = ("Aantal deelnemende ambtenaren, bestuurders en professionals, en het aantal vraagstukken "
                        "waarin zij het geleerde toepassen.")
# the chosen factors a type's line already measures among the participants: the factor line
# (INDICATOR_FACTORS) leaves them out, one indicator per measured thing (third review, N8)
TRUST_FACTOR = "vertrouwen-in-democratische-instituties-en-rechtsstaat"
CONTACT_FACTOR = "positief-contact-tussen-diverse-groepen"
MEASURED_FACTORS = {
    TYPE_INDICATORS["8"]: (TRUST_FACTOR,),
    INDICATOR_TRUST_AND_SAY: (TRUST_FACTOR, PARTICIPATION_FACTOR),
    TYPE_INDICATORS["5"]: (CONTACT_FACTOR,),
    INDICATOR_NEIGHBOURHOOD: (CONTACT_FACTOR,),
}
INDICATOR_REACH = "Aantal bereikte deelnemers per doelgroep – {groups}."
INDICATOR_REACH_COMPLETING = "Aantal bereikte deelnemers per doelgroep – {groups} – en het aandeel dat het programma afrondt."
# types whose interventions have no programme to complete: family support (a helpline, a meldpunt,
# peer contact, support for as long as a family needs it) and system interventions (a network,
# signalling, a toolkit); an intervention of only these types gets INDICATOR_REACH
NO_COMPLETION_TYPES = ("3", "9")
INDICATOR_PLAN = "Aantal uitgevoerde bijeenkomsten of activiteiten volgens plan, en het oordeel van deelnemers en uitvoerders."
INDICATOR_FACTORS = "Verandering in {factors} bij deelnemers, gemeten voor en na."
# how {factors} names the factors: a factor's name is a noun ('Mediawijsheid'), an activity
# ('Versterken van ondersteunende netwerken') or has a place of its own ('... in de buurt'); quoted
# after 'de beschermende factor' each reads in the line (third review, B6)
INDICATOR_FACTOR_NAMES = ("de beschermende factor {names}", "de beschermende factoren {names}")
# the chosen factors of an intervention that serves only the municipality, its professionals and key
# figures (SYSTEM_GROUPS): the factor is one of the people they work with, not of the participants
# ('bijdragen aan steun van belangrijke volwassenen' read as if the participants were not those adults)
INDICATOR_FACTORS_PRACTICE = ("Verandering in hoe vaak en hoe de deelnemers {factors} versterken bij de mensen met wie "
                              "zij werken of die zij bereiken, bijvoorbeeld door zorgen te bespreken (voor en na).")
INDICATOR_ONLINE = "Online bereik: aantal bereikte deelnemers via de gebruikte platforms en hun reacties."
INDICATOR_EVALUATE = ("Leg de werkingstheorie vast en laat de uitvoering evalueren (procesevaluatie), zodat de "
                      "onderbouwing kan groeien (effectladder, Bijlage 1 van het rapport).")

SUGGESTION_RULES = (
    Rule("V-VERTICAAL", SUGGESTION, "Verticale polarisatie of anti-institutioneel extremisme",
         _answer("verschijningsvorm", "verticale-polarisatie", "anti-institutioneel"),
         "Voorgesteld omdat u {label} noemde: vertrouwen in instituties en inspraak in besluitvorming "
         "maken inwoners minder vatbaar voor een kloof met de overheid (interventietype 8).",
         "Rapport 2.2 (bouwsteen 5, politieke betrokkenheid) en Bijlage 2, type 8.",
         factors=("vertrouwen-in-democratische-instituties-en-rechtsstaat",
                  "participatie-in-besluitvorming-en-politieke-inspraak", "politieke-tevredenheid")),
    Rule("V-ONLINE", SUGGESTION, "Online dimensie",
         _answer("online", "ja"),
         "Voorgesteld omdat u aangaf dat {label}: mediawijsheid en weerbaarheid tegen online "
         "groepsdruk beschermen in de online wereld (subtype 1.1).",
         "Rapport 2.2 (bouwsteen 4, digitale weerbaarheid) en Bijlage 2, subtype 1.1.",
         factors=("mediawijsheid", "weerbaarheid-tegen-online-groepsdruk")),
    Rule("V-HORIZONTAAL", SUGGESTION, "Horizontale polarisatie of maatschappelijke spanningen",
         _answer("verschijningsvorm", "horizontale-polarisatie", "maatschappelijke-spanningen"),
         "Voorgesteld omdat u {label} noemde: positief contact tussen groepen en gedeelde "
         "identiteiten verkleinen tegenstellingen (interventietype 5).",
         "Rapport 2.2 (bouwsteen 5, sociale cohesie) en Bijlage 2, type 5.",
         factors=("positief-contact-tussen-diverse-groepen", "gemeenschappelijke-identiteiten-benadrukken")),
    Rule("V-EXTREMISME", SUGGESTION, "Zorgen over extremisme",
         _answer("verschijningsvorm", "jihadistisch", "rechts-extremisme", "links-extremisme"),
         "Voorgesteld omdat u {label} noemde: een stabiele identiteit, kritisch denken en "
         "ideologische weerbaarheid beschermen jongeren tegen extremistische boodschappen (typen 1.3 en 4).",
         "Rapport 2.2 (bouwsteen 1, persoonlijke ontwikkeling en cognitieve vaardigheden).",
         factors=("positieve-stabiele-identiteitsontwikkeling", "ideologische-weerbaarheid",
                  "kritisch-en-complex-denkvermogen")),
    Rule("V-OUDERS", SUGGESTION, "Ouders en opvoeders als doelgroep",
         _answer("doelgroep", "ouders-opvoeders"),
         "Voorgesteld omdat u {label} als doelgroep koos: een goede band in het gezin en een "
         "positieve opvoedstijl zijn beschermend (interventietype 2, weerbaar opvoeden).",
         "Rapport 2.2 (bouwsteen 2) en Bijlage 2, type 2.",
         factors=("goede-band-met-familie-opvoedondersteuners", "positieve-opvoedstijl")),
    Rule("V-FAMILIES", SUGGESTION, "Families van radicaliserende personen als doelgroep",
         _answer("doelgroep", "families"),
         "Voorgesteld omdat u {label} als doelgroep koos: ondersteuning van de familie houdt de band "
         "in stand en maakt de thuissituatie stabieler (interventietype 3).",
         "Rapport 2.2 (bouwsteen 2) en Bijlage 2, type 3 (evaluatie familieondersteuning, RadarAdvies 2021).",
         factors=("goede-band-met-familie-opvoedondersteuners", "stabiele-thuissituatie")),
    Rule("V-JONGEREN", SUGGESTION, "Jongeren of jongvolwassenen als doelgroep",
         _answer("doelgroep", "jongeren", "jongvolwassenen"),
         "Voorgesteld omdat u {label} als doelgroep koos: weerbaarheid tegen groepsdruk en een "
         "constructieve dagbesteding zijn voor hen belangrijke beschermende factoren.",
         "Rapport 2.2 (bouwstenen 3 en 4).",
         factors=("weerbaarheid-tegen-groepsdruk", "constructieve-dagbesteding-of-vrijetijdsbesteding")),
    Rule("V-SCHOOL", SUGGESTION, "School als setting",
         _answer("setting", "school"),
         "Voorgesteld omdat u {label} als setting koos: binding met school en democratische "
         "vorming zijn daar goed te versterken.",
         "Rapport 2.2 (bouwstenen 3 en 5) en Bijlage 2, subtype 1.3.",
         factors=("goede-en-positieve-band-met-school-werk", "democratische-vorming-en-burgerschapscompetenties")),
    Rule("V-START", SUGGESTION, "Gemeente aan het begin van haar aanpak",
         _answer("fase", "start", "in-ontwikkeling"),
         "Voorgesteld omdat uw aanpak in de fase '{label}' is: een lokaal netwerk en deskundige "
         "professionals zijn het fundament van een preventieve aanpak (bouwsteen 6).",
         "Rapport 4.1 (samenwerking, deskundigheidsbevordering, kennisuitwisseling) en Bijlage 2, type 9.",
         factors=("lokaal-netwerk-van-gemeente-en-maatschappelijke-organisaties-die-samenwerken-bij-preventie-en-signalering-van-radicalisering",
                  "trainingen-voor-professionals-in-herkennen-duiden-en-omgaan-met-signalen-van-polarisatie-en-radicalisering")),
    Rule("V-PROFESSIONALS", SUGGESTION, "Professionals als doelgroep",
         _answer("doelgroep", "professionals-onderwijs", "professionals-jeugd", "professionals-veiligheid-zorg"),
         "Voorgesteld omdat u {label} als doelgroep koos: deskundigheid in herkennen, duiden en "
         "omgaan met signalen is een indirecte beschermende factor (bouwsteen 6).",
         "Rapport Bijlage 3, tabel B3.6 en Bijlage 2, type 9.",
         factors=("trainingen-voor-professionals-in-herkennen-duiden-en-omgaan-met-signalen-van-polarisatie-en-radicalisering",)),
    *(Rule(f"V-SPIEGEL-{key}", SUGGESTION, "Omstandigheid met een beschermend spiegelbeeld",
           _answer("risico", *risks),
           "Voorgesteld omdat u '{label}' aangaf als omstandigheid bij groepen in uw gemeente: deze "
           "beschermende factor is daarvan het spiegelbeeld. Het wijst op doelgroepen, nooit op personen.",
           "Rapport 2.2: risico- en beschermende factoren zijn vaak elkaars spiegelbeeld; risicofactoren "
           "geven alleen een indicatie voor doelgroepen (4.1).", factors=factors)
      for key, factors, risks in MIRRORS),
)

WARNING_RULES = (
    Rule("W-KENMERK", WARNING, "Een kenmerk is geen aangrijpingspunt",
         _answer("risico", *CHARACTERISTICS),
         "'{label}' is een kenmerk, geen omstandigheid: het is niet te beïnvloeden met interventies en "
         "leidt daarom niet tot een voorgestelde factor. Gebruik het hooguit om na te gaan welke groepen de "
         "aanpak bereikt, nooit om groepen of personen als vatbaar te benoemen of te selecteren. Presenteer de aanpak "
         "als werken aan inclusie, identiteit en verbinding, niet als radicaliseringsbestrijding voor één groep: "
         "zo wordt zij minder als stigmatiserend ervaren.",
         "Rapport 2.2 en 5.1 (stigmatiserend denken voorkomen); evaluatie Versterkingsgelden 2020-2021 "
         "(eenzijdige aandacht voor de islam wekte frustratie)."),
    Rule("W-GEEN-SPIEGEL", WARNING, "Omstandigheid zonder beschermend spiegelbeeld in het model",
         (("kind", "==", "answer"), ("question", "==", "risico"), ("mirrored", "==", False),
          ("characteristic", "==", False)),
         "Voor '{label}' kent het bouwstenenmodel geen beschermende factor als spiegelbeeld; de Bouwstenenwijzer "
         "stelt daarom geen factor voor. Kies zelf in stap 3 de factoren die bij deze omstandigheid passen.",
         "Rapport 2.2: risicofactoren zijn niet in het model opgenomen."),
    Rule("W-CAPACITEIT", WARNING, "Maximum groter dan de capaciteit draagt",
         (("kind", "==", "profile"), ("over_capacity", "==", True)),
         "De gemeente koos een pakket van hoogstens {max_size} interventies, maar bij de gekozen capaciteit ({capacity_label}) past een "
         "pakket van {capacity_min} tot {capacity_max}. Verlaag het maximum, of zorg eerst voor de menskracht en "
         "het budget om meer interventies goed uit te voeren.",
         "Rapport 4.1 en 4.2: aansluiten bij de lokale context; geen losse, incidentele activiteiten."),
    Rule("W-MAXIMUM", WARNING, "Zeer groot maximum",
         (("kind", "==", "profile"), ("max_size", ">=", MAX_SIZE_WARNING)),
         "Een maximum van {max_size} interventies is meer dan een gemeente samenhangend kan uitvoeren. Kies een "
         "maximum dat bij de capaciteit past (beperkt 2-3, gemiddeld 4-5, ruim 6-8).",
         "Rapport 4.2: waken voor een aanpak van incidentele en losstaande initiatieven."),
    Rule("W-ALLE-FACTOREN", WARNING, "Alle factoren gekozen",
         (("kind", "==", "profile"), ("all_factors_chosen", "==", True)),
         "De gemeente koos alle {chosen_count} beschermende factoren. Een pakket kan niet alles tegelijk versterken: kies de "
         "factoren die het best passen bij de aanleiding en de doelgroepen, en geef er één of twee hoge prioriteit.",
         "Rapport 4.1: rekening houden met de lokale context; eindgebruikers kiezen een samenstel van factoren (2.2)."),
    Rule("W-MIN-TREDE-LEEG", WARNING, "Minimale trede laat niets over",
         (("kind", "==", "profile"), ("min_level_empties", "==", True)),
         "Met minimale trede {min_level} blijft er geen interventie over die bij de gekozen factoren past. Verlaag de "
         "minimale trede of laat haar leeg: een hogere trede is niet vanzelf beter, en ook beschreven en "
         "veelbelovende interventies kunnen werken.",
         "Rapport 3.2 (een hogere trede is niet automatisch beter) en Bijlage 1."),
    Rule("W-EEN-GROEP", WARNING, "Interventies voor één religieuze of etnische groep",
         (("kind", "==", "package"), ("one_group_count", ">", 0)),
         "{one_group_names} richt zich op één religieuze of etnische groep. Zet zo'n interventie in als onderdeel "
         "van een brede aanpak, spreek met de groep zelf af hoe zij genoemd wordt, en presenteer haar als werken aan "
         "opvoeding, identiteit en verbinding, niet als radicaliseringsbestrijding voor die groep.",
         "Rapport 2.2 en 5.1 (stigmatisering voorkomen); evaluatie Versterkingsgelden 2020-2021 "
         "(disproportionele aandacht voor de islam wekte frustratie)."),
)

FIRST_STEP_RULES = (
    Rule("E-LOKALE-ANALYSE", FIRST_STEP, "Eerst een lokale analyse",
         _answer("fase", "start", "in-ontwikkeling"),
         "Begin met een lokale analyse: welke vormen van polarisatie en radicalisering spelen er, bij welke "
         "groepen, en wat loopt al in onderwijs, welzijn, veiligheid en sociale samenhang? Stem de uitwerking van "
         "de interventies daarop af, aanvullend op wat er al is.",
         "Rapport 4.1: rekening houden met de lokale context en bestaand beleid."),
    Rule("E-ESS-GESPREK", FIRST_STEP, "Een adviesgesprek met de ESS",
         _answer("fase", "start", "in-ontwikkeling"),
         "Plan een adviesgesprek met de Expertise-unit Sociale Stabiliteit (ESS) om de analyse en dit advies te "
         "bespreken, voordat de gemeente interventies inkoopt.",
         "Rapport 4.1 (leren van ervaringen en kennis) en 4.2."),
)

_CANDIDATE = ("kind", "==", "candidate")

FILTER_RULES = (
    Rule("F-TERUGGETROKKEN", FILTER, "Teruggetrokken uit de kennisbank",
         (_CANDIDATE, ("withdrawn", "==", True)),
         "Niet opgenomen: deze interventie is teruggetrokken uit de kennisbank ({status_reason}).",
         "Beheer van de kennisbank (rapport 4.2 en 5.2: interventies die niet werken worden verwijderd)."),
    Rule("F-INDIRECT", FILTER, "Indirecte bouwsteen niet meenemen",
         (_CANDIDATE, ("indirect_only", "==", True), ("indirect_wanted", "==", False)),
         "Uitgesloten omdat u ervoor koos de indirecte bouwsteen (samenwerking, deskundigheid, signalering) niet mee te nemen.",
         "Voorkeur van de gebruiker; bouwsteen 6."),
    Rule("F-MIN-TREDE", FILTER, "Minimale trede",
         (_CANDIDATE, ("below_min_level", "==", True)),
         "Uitgesloten omdat de onderbouwing ({level_text}) lager is dan de minimale trede {min_level} die u koos.",
         "Voorkeur van de gebruiker; effectladder, Bijlage 1."),
    Rule("F-AANGEBODEN", FILTER, "Alleen interventies die nu worden aangeboden",
         (_CANDIDATE, ("only_offered", "==", True), ("offered", "in", ["nee", "onbekend"])),
         "Uitgesloten omdat u alleen interventies wilt die nu worden aangeboden, en dat is bij deze "
         "interventie {offered_text}.",
         "Voorkeur van de gebruiker; rapport 3.2 (kolom 'momenteel aangeboden')."),
    Rule("F-FAMILIES", FILTER, "Ondersteuning voor families die u niet als doelgroep koos",
         (_CANDIDATE, ("families_unchosen", "==", True), ("relevant", "==", True)),
         "Niet opgenomen: ze ondersteunt families van radicaliserende personen (type 3), en die koos u niet als "
         "doelgroep.",
         "Bijlage 2, type 3 (ondersteuning gezinnen met familieleden die radicaliseren); rapport 4.1: de keuze van "
         "interventies sluit aan bij de doelgroep(en)."),
    Rule("F-AANSLUITING", FILTER, "Sluit niet aan bij de gekozen factoren",
         (_CANDIDATE, ("relevant", "==", False)),
         "Niet opgenomen omdat deze interventie niet is gekoppeld aan een van de beschermende factoren "
         "die u koos, ook niet via haar interventietype.",
         "Bouwstenenmodel, tabellen B3.1-B3.6 (koppeling factor - interventie)."),
)

_EFFECT_LADDER = "Effectladder, Bijlage 1; rapport 3.2: een hogere trede is niet vanzelf beter."
_OFFERED_SOURCE = "Rapport 3.2 en 4.1: wat nu wordt aangeboden gaat voor; wat niet meer loopt is inspiratie."

SCORE_RULES = (
    Rule("S-FACTOR-DIRECT", SCORE, "Direct gekoppeld aan een gekozen factor",
         (_CANDIDATE, ("direct_count", ">", 0)),
         "Het rapport noemt haar als voorbeeld bij {direct_names}.",
         "Bouwstenenmodel, tabellen B3.1-B3.6.", weight=10.0, per="direct_count"),
    Rule("S-FACTOR-BIJLAGE2", SCORE, "Via Bijlage 2 gekoppeld aan een gekozen factor",
         (_CANDIDATE, ("appendix_count", ">", 0)),
         "De tabellen van Bijlage 3 noemen haar niet bij {appendix_names}; de kennisbank koppelt haar daar toch aan, "
         "omdat Bijlage 2 haar type, {appendix_type_names}, daarop richt en haar beschrijving daarbij past.",
         "Bijlage 2 (beschrijving van het type en de factoren waarop het zich richt); data/AFWIJKINGEN.md 5.11.",
         weight=10.0, per="appendix_count"),
    Rule("S-PRIORITEIT", SCORE, "Factor met hoge prioriteit",
         (_CANDIDATE, ("priority_count", ">", 0)),
         "U gaf {priority_names} hoge prioriteit.",
         "Keuze van de gebruiker in stap 3.", weight=5.0, per="priority_count"),
    Rule("S-FACTOR-TYPE", SCORE, "Via het interventietype gekoppeld (telt één keer)",
         (_CANDIDATE, ("type_count", ">", 0)),
         "Haar type ({type_names}) past bij {type_factor_names}; {type_weak_reason}, dus dit is een zwakkere "
         "koppeling en telt één keer.",
         "Bijlage 2 en de typekolom van tabellen B3.1-B3.6.", weight=3.0),
    Rule("S-VOORBEELD", SCORE, "Voorbeeld van haar type in Bijlage 2",
         (_CANDIDATE, ("example_count", ">", 0)),
         "Bijlage 2 beschrijft haar als voorbeeld van {example_type_names}.",
         "Bijlage 2, tabel 1: voorbeeldinterventies per type.", weight=2.0),
    Rule("S-DOELGROEP", SCORE, "Past bij de doelgroep",
         (_CANDIDATE, ("target_count", ">", 0)),
         "Ze richt zich op wat u als doelgroep koos: {target_names}.",
         "Rapport 4.2 en 5.2: zoeken op doelgroep.", weight=2.0, per="target_count"),
    Rule("S-ANDERE-DOELGROEP", SCORE, "Richt zich op een andere doelgroep",
         (_CANDIDATE, ("target_mismatch", "==", True)),
         "Ze richt zich op {own_target_names}, niet op de doelgroepen die u koos.",
         "Rapport 4.1: de keuze van interventies sluit aan bij de doelgroep(en).", weight=-4.0),
    Rule("S-SETTING", SCORE, "Past bij de setting",
         (_CANDIDATE, ("setting_count", ">", 0)),
         "Ze past bij wat u als setting koos: {setting_names}.",
         "Rapport 4.2 en 5.2: zoeken op setting.", weight=1.5, per="setting_count"),
    Rule("S-PREVENTIENIVEAU", SCORE, "Past bij het preventieniveau",
         (_CANDIDATE, ("level_match", "==", True)),
         "Haar preventievorm ({prevention_names}) past bij dit profiel: universele preventie past altijd, "
         "selectieve als er risico-indicaties zijn aangegeven en geïndiceerde als families een doelgroep zijn.",
         "Rapport 4.2: het trechtermodel (universeel, selectief, geïndiceerd).", weight=1.0),
    Rule("S-EXPLICIET", SCORE, "Expliciet gericht op preventie",
         (_CANDIDATE, ("explicit", "==", True)),
         "Ze is expliciet gericht op het voorkomen van polarisatie of radicalisering.",
         "Rapport 4.2: eindgebruikers willen de focus op expliciet preventieve interventies.", weight=3.0),
    Rule("S-TREDE-1", SCORE, "Onderbouwing: trede 1",
         (_CANDIDATE, ("level", "==", 1)),
         "Ze is goed beschreven (trede 1 van de effectladder, {level_source}).", _EFFECT_LADDER, weight=0.5),
    Rule("S-TREDE-2", SCORE, "Onderbouwing: trede 2",
         (_CANDIDATE, ("level", "==", 2)),
         "Ze is veelbelovend: er is een onderbouwde werkingstheorie (trede 2, {level_source}).",
         _EFFECT_LADDER, weight=1.0),
    Rule("S-TREDE-3", SCORE, "Onderbouwing: trede 3 of hoger",
         (_CANDIDATE, ("level", ">=", 3)),
         "Er zijn eerste aanwijzingen dat ze doeltreffend is (trede {level}, {level_source}).",
         _EFFECT_LADDER, weight=1.5),
    Rule("S-AANGEBODEN", SCORE, "Wordt nu aangeboden",
         (_CANDIDATE, ("offered", "==", "ja")),
         "Ze wordt op dit moment aangeboden.", _OFFERED_SOURCE, weight=1.0),
    Rule("S-AANBOD-ONBEKEND", SCORE, "Onbekend of zij nog wordt aangeboden",
         (_CANDIDATE, ("offered", "==", "onbekend")),
         "Onbekend of ze nog wordt aangeboden; dat telt licht negatief mee.", _OFFERED_SOURCE, weight=-1.0),
    Rule("S-NIET-AANGEBODEN", SCORE, "Wordt niet meer aangeboden",
         (_CANDIDATE, ("offered", "==", "nee")),
         "Ze wordt niet meer aangeboden; dat telt sterk negatief mee, en in het pakket komt ze alleen "
         "als inspiratie voor een factor die geen aangeboden interventie dekt.", _OFFERED_SOURCE, weight=-6.0),
    Rule("S-AANPAK", SCORE, "Past bij de gewenste aanpak",
         (_CANDIDATE, ("approach_match", "==", True)),
         "Ze is {approach_text}, zoals u wilde.",
         "Rapport 4.2: persoonsgericht of collectief.", weight=1.5),
    Rule("S-ONLINE", SCORE, "Richt zich op de online wereld",
         (_CANDIDATE, ("online_match", "==", True)),
         "Ze richt zich (ook) op de online wereld, die u als aandachtspunt noemde.",
         "Rapport 4.2 en bouwsteen 4 (digitale weerbaarheid).", weight=1.5),
)

_OWN_ESTIMATE = ("De trede is een eigen, niet-officiële inschatting van de onderzoekers, geen erkenning door "
                 "een databank van NJi of Movisie")

CAVEAT_RULES = (
    Rule("K-NIET-AANGEBODEN", CAVEAT, "Niet meer aangeboden",
         (_CANDIDATE, ("offered", "==", "nee")),
         "Wordt voor zover bekend niet meer aangeboden: gebruik haar als inspiratie of neem contact op met de "
         "(voormalige) aanbieder.", "Rapport 3.2 en Bijlage 3.", label="niet meer aangeboden"),
    Rule("K-AANBOD-ONBEKEND", CAVEAT, "Onbekend of zij nog wordt aangeboden",
         (_CANDIDATE, ("offered", "==", "onbekend")),
         "Onbekend of deze interventie nog wordt aangeboden: vraag het na bij de aanbieder.",
         "Rapport 3.2 en Bijlage 3.", label="aanbod onbekend"),
    Rule("K-GEEN-TREDE", CAVEAT, "Onderbouwing onbekend",
         (_CANDIDATE, ("level", "==", -1), ("has_level_reason", "==", False)),
         "Het rapport vermeldt geen niveau van onderbouwing (bron onbekend).",
         "Rapport 3.2 en Bijlage 3.", label="trede onbekend"),
    Rule("K-GEEN-TREDE-REDEN", CAVEAT, "Onderbouwing onbekend, met de reden",
         (_CANDIDATE, ("level", "==", -1), ("has_level_reason", "==", True)),
         "Geen niveau van onderbouwing: {level_reason}",
         "Rapport 3.2 en Bijlage 3; data/AFWIJKINGEN.md.", label="trede onbekend"),
    Rule("K-EIGEN-INSCHATTING", CAVEAT, "Trede is een eigen inschatting op basis van een evaluatie",
         (_CANDIDATE, ("own_estimate", "==", True), ("has_evaluation", "==", True)),
         _OWN_ESTIMATE + ", op basis van {evaluation}",
         "Bijlage 1 en Bijlage 3 (niveau van onderbouwing).", label="eigen inschatting"),
    Rule("K-EIGEN-INSCHATTING-ZONDER-EVALUATIE", CAVEAT, "Trede is een eigen inschatting zonder vermelde evaluatie",
         (_CANDIDATE, ("own_estimate", "==", True), ("has_evaluation", "==", False)),
         _OWN_ESTIMATE + "; het rapport noemt er geen evaluatie bij.",
         "Bijlage 3, voetnoot 20; data/AFWIJKINGEN.md 1.12.", label="eigen inschatting"),
    Rule("K-BRON-ONBEKEND", CAVEAT, "Trede zonder bron",
         (_CANDIDATE, ("level", ">=", 0), ("source_unknown", "==", True), ("has_level_reason", "==", False)),
         "Het rapport noemt trede {level} zonder bron: bron onbekend.",
         "Bijlage 3 (niveau van onderbouwing).", label="bron trede onbekend"),
    Rule("K-BRON-ONBEKEND-REDEN", CAVEAT, "Trede zonder bron, met de reden",
         (_CANDIDATE, ("level", ">=", 0), ("source_unknown", "==", True), ("has_level_reason", "==", True)),
         "Trede {level}, bron onbekend: {level_reason}",
         "Bijlage 3; data/AFWIJKINGEN.md.", label="bron trede onbekend"),
    Rule("K-TYPE-ELEMENTEN", CAVEAT, "Toets aan de werkzame elementen van het type",
         (_CANDIDATE, ("level", "<=", 1), ("guided_type_count", ">", 0)),
         "Met weinig of onbekende onderbouwing: toets haar aan de werkzame elementen en randvoorwaarden van "
         "{guided_type_names} (Bijlage 2).",
         "Rapport 3.3 en 4.1 (werkzame elementen van bewezen effectieve methoden) en Bijlage 2."),
    Rule("K-TYPE-ZONDER-ELEMENTEN", CAVEAT, "Bijlage 2 geeft voor het type geen werkzame elementen",
         (_CANDIDATE, ("level", "<=", 1), ("guided_type_count", "==", 0), ("unguided_type_count", ">", 0)),
         "Bijlage 2 geeft voor {unguided_type_names} geen algemene werkzame elementen en randvoorwaarden; "
         "beoordeel haar aan de hand van haar eigen beschrijving, evaluatie en de ervaringen van de aanbieder.",
         "Bijlage 2, typen 8 en 9."),
    Rule("K-GEMEENTE", CAVEAT, "Verzameld via gemeenten",
         (_CANDIDATE, ("collected_via_municipalities", "==", True), ("has_municipalities", "==", True)),
         "Verzameld via de uitvraag bij gemeenten ({municipality_names}): vraag daar naar de ervaringen.",
         "Rapport 3.2 (uitvraag bij gemeenten)."),
    Rule("K-VERTALEN", CAVEAT, "Gemaakt voor één stad: vertalen, niet overnemen",
         (_CANDIDATE, ("local_programme", "==", True)),
         "Ontwikkeld voor en in {municipality_names}: vertalen, niet overnemen. Een interventie kan nooit "
         "simpelweg uit een andere gemeente worden overgenomen, maar moet aan de lokale context worden aangepast.",
         "Rapport 4.1 (noodzaak van flexibiliteit).", label="lokaal programma"),
    Rule("K-NIET-EXPLICIET", CAVEAT, "Niet expliciet preventief",
         (_CANDIDATE, ("explicit_no", "==", True)),
         "Niet expliciet gericht op polarisatie of radicalisering: leg in de uitvoering zelf de verbinding met preventie.",
         "Rapport 4.2.", label="niet expliciet preventief"),
    Rule("K-EXPLICIET-ONBEKEND", CAVEAT, "Onbekend of zij expliciet preventief is",
         (_CANDIDATE, ("explicit_unknown", "==", True)),
         "Het rapport zegt niet of deze interventie expliciet gericht is op polarisatie of radicalisering.",
         "Rapport 3.2 (kolom 'expliciet gericht op preventie').", label="expliciet onbekend"),
    Rule("K-GEEN-FACTOR", CAVEAT, "Bij geen factor genoemd",
         (_CANDIDATE, ("has_factors", "==", False)),
         "Het rapport noemt deze interventie bij geen beschermende factor; zij komt in beeld via haar type.",
         "Tabellen B3.1-B3.6.", label="geen factor gekoppeld"),
    Rule("K-LIJKT-OP-INGEZET", CAVEAT, "Lijkt op wat al loopt",
         (_CANDIDATE, ("similar_in_use_count", ">", 0)),
         "Lijkt op {similar_in_use_names}, dat de gemeente al inzet: kijk of uitbreiding daarvan volstaat.",
         "Rapport 4.1: aanvullend op bestaande activiteiten."),
)

_PLACEMENT_SOURCE = "Rapport 4.2: richtlijnen voor een totaalpakket."

PLACEMENT_RULES = (
    Rule("PL-DEKKING", PLACEMENT, "Dekt een gekozen factor", (),
         "Gekozen om de factor '{factor_name}' te dekken.", "Rapport 4.2: een totaalpakket dat de gekozen factoren dekt."),
    Rule("PL-DEKKING-PRIORITEIT", PLACEMENT, "Dekt een factor met hoge prioriteit", (),
         "Gekozen om de factor '{factor_name}' te dekken, die u hoge prioriteit gaf; factoren met hoge prioriteit "
         "komen eerst aan bod.", "Keuze van de gebruiker in stap 3."),
    Rule("PL-INSPIRATIE", PLACEMENT, "Niet meer aangeboden, als inspiratie", (),
         "Opgenomen als inspiratie voor de factor '{factor_name}': geen interventie die nu wordt aangeboden dekt "
         "die factor. Neem contact op met de (voormalige) aanbieder of gebruik haar opzet voor een eigen interventie.",
         _OFFERED_SOURCE),
    Rule("PL-INDIRECT", PLACEMENT, "Indirect element", (),
         "Toegevoegd als indirect element (bouwsteen 6, type 9): samenwerking, deskundigheid of signalering.",
         "Rapport 4.1 en bouwsteen 6."),
    Rule("PL-FAMILIES", PLACEMENT, "Spoor voor families", (),
         "Toegevoegd als ondersteuning voor families van radicaliserende personen (type 3).",
         "Bijlage 2, type 3."),
    Rule("PL-OUDERS", PLACEMENT, "Spoor voor ouders", (),
         "Toegevoegd als spoor voor ouders en opvoeders (type 2, weerbaar opvoeden).", "Bijlage 2, type 2."),
    Rule("PL-BREED", PLACEMENT, "Brede preventie", (),
         "Toegevoegd zodat het pakket ook brede (universele) preventie bevat.",
         "Rapport 4.2: het trechtermodel."),
    Rule("PL-GERICHT", PLACEMENT, "Gerichte preventie", (),
         "Toegevoegd zodat het pakket ook gerichte (selectieve of geïndiceerde) preventie bevat.",
         "Rapport 4.2: het trechtermodel."),
    Rule("PL-RANG", PLACEMENT, "Aanvulling op score", (),
         "Toegevoegd omdat ze direct gekoppeld is aan {factor_names} en er plaats was in het pakket.",
         _PLACEMENT_SOURCE),
    Rule("PL-ONDERBOUWD", PLACEMENT, "Onderbouwd naast niet-onderbouwd", (),
         "Toegevoegd als onderbouwde interventie naast interventies zonder bekende onderbouwing.",
         "Rapport 4.2: lokale initiatieven naast onderbouwde."),
    Rule("HANDMATIG", PLACEMENT, "Met de hand toegevoegd", (),
         "Met de hand aan het pakket toegevoegd.", "Keuze van de gebruiker."),
    Rule("UIT-HANDMATIG", PLACEMENT, "Met de hand verwijderd", (),
         "Met de hand uit het pakket gehaald.", "Keuze van de gebruiker."),
    Rule("UIT-DUPLICAAT", PLACEMENT, "Overlapt met een gekozen interventie", (),
         "Overlapt met {twin_name}: een type en een doelgroep gemeen, en geen gekozen factor die {twin_name} niet al dekt. "
         "Kies een van beide.", "Rapport 4.2: een samenhangend pakket zonder dubbelingen."),
    Rule("UIT-DUPLICAAT-LACUNE", PLACEMENT, "Overlapt met een gekozen interventie, maar past via haar type bij een lacune",
         (),
         "Overlapt met {twin_name}: een type en een doelgroep gemeen, en {twin_name} dekt al wat zij direct dekt. Maar via "
         "haar type past zij bij {open_names}, waarvoor het pakket niets heeft (zie de lacunes): daar is zij een "
         "zwakkere kandidaat.", "Rapport 3.2 en 4.2, Bijlage 2 en de typekolom van tabellen B3.1-B3.6."),
    Rule("UIT-TYPE", PLACEMENT, "Alleen via het type gekoppeld", (),
         "Alleen via haar interventietype gekoppeld aan uw factoren; het pakket vult aan met interventies die het "
         "rapport bij die factoren noemt.", "Bijlage 2 en tabellen B3.1-B3.6."),
    Rule("UIT-TYPE-RUIMTE", PLACEMENT, "Alleen via het type gekoppeld, aan een factor die het pakket niet dekt", (),
         "Alleen via haar interventietype gekoppeld aan {type_factor_names}: het rapport noemt haar daar niet als "
         "voorbeeld, een zwakkere koppeling. Voor {open_names} staat geen interventie in het pakket die het rapport "
         "daar noemt (zie de lacunes). Er is plaats in het pakket ({size} van {max_size}): voeg haar toe als u dit "
         "type wilt inzetten.", "Rapport 3.2 en 5.2, Bijlage 2 en de typekolom van tabellen B3.1-B3.6."),
    Rule("UIT-TYPE-VOL", PLACEMENT, "Alleen via het type gekoppeld, aan een factor die het pakket niet dekt; pakket vol",
         (),
         "Alleen via haar interventietype gekoppeld aan {type_factor_names}: het rapport noemt haar daar niet als "
         "voorbeeld, een zwakkere koppeling. Voor {open_names} staat geen interventie in het pakket die het rapport "
         "daar noemt (zie de lacunes), maar het pakket is vol ({size} van {max_size}).",
         "Rapport 3.2 en 5.2, Bijlage 2 en de typekolom van tabellen B3.1-B3.6."),
    Rule("UIT-TYPE-NIET-AANGEBODEN", PLACEMENT,
         "Alleen via het type gekoppeld, aan een factor die het pakket niet dekt; niet meer aangeboden", (),
         "Alleen via haar interventietype gekoppeld aan {type_factor_names}: het rapport noemt haar daar niet als "
         "voorbeeld, een zwakkere koppeling. Voor {open_names} staat geen interventie in het pakket die het rapport "
         "daar noemt (zie de lacunes), maar zij wordt niet meer aangeboden; gebruik haar hooguit als inspiratie.",
         _OFFERED_SOURCE),
    Rule("UIT-GEEN-KOPPELING", PLACEMENT, "Niet direct gekoppeld", (),
         "Niet direct gekoppeld aan een factor die u koos, en geen indirect element of spoor voor ouders of "
         "families dat bij uw keuzes past.", "Tabellen B3.1-B3.6."),
    Rule("UIT-SPOOR", PLACEMENT, "Spoor al gevuld", (),
         "Komt in aanmerking als {track_name}; daarvoor {track_filled}.",
         _PLACEMENT_SOURCE),
    Rule("UIT-SPOOR-LACUNE", PLACEMENT, "Spoor al gevuld, maar past via haar type bij een lacune", (),
         "Komt in aanmerking als {track_name}; daarvoor {track_filled}. Maar "
         "via haar type past zij bij {open_names}, waarvoor het pakket niets heeft (zie de lacunes): daar is zij een "
         "zwakkere kandidaat.", "Rapport 3.2, Bijlage 2 en de typekolom van tabellen B3.1-B3.6."),
    Rule("UIT-SPOOR-NIET-AANGEBODEN", PLACEMENT, "Spoor, maar niet meer aangeboden", (),
         "Komt in aanmerking als {track_name}, maar wordt niet meer aangeboden; gebruik haar hooguit als inspiratie.",
         _OFFERED_SOURCE),
    Rule("UIT-SPOOR-ONGEKOZEN", PLACEMENT, "Spoor zonder passende koppeling", (),
         "Komt in aanmerking als {track_name}, maar is niet gekoppeld aan een factor die u koos en richt zich niet "
         "op een doelgroep die u koos.", "Aanvullingen alleen met een directe koppeling of een passende doelgroep."),
    Rule("UIT-NIET-AANGEBODEN", PLACEMENT, "Niet meer aangeboden, en wat zij dekt is al gedekt", (),
         "Wordt niet meer aangeboden, en wat ze dekt ({factor_names}) dekt het pakket al; gebruik haar hooguit als "
         "inspiratie.", _OFFERED_SOURCE),
    Rule("UIT-ONDERBOUWD", PLACEMENT, "Plaats gemaakt voor een onderbouwde interventie", (),
         "Uit het pakket gehaald: er stonden meer niet-onderbouwde dan onderbouwde interventies in, en wat zij "
         "dekt, dekt ook een andere interventie.", "Rapport 4.2: geen aanpak van losse, incidentele activiteiten."),
    Rule("UIT-BALANS", PLACEMENT, "Zonder onderbouwing, en het pakket houdt de balans", (),
         "Ze heeft geen bekende onderbouwing, en het pakket telt al evenveel interventies zonder als met een "
         "bekende onderbouwing: niet-onderbouwde interventies staan alleen naast onderbouwde.",
         "Rapport 4.2 en pakketregel P-ONDERBOUWD."),
    Rule("UIT-VOL", PLACEMENT, "Pakket vol, lagere score", (),
         "Het pakket is vol ({size} van {max_size}) en ze scoort ({score}) lager dan de laagste interventie in het "
         "pakket ({lowest_score}).", "Voorkeur van de gebruiker of capaciteit (maximum)."),
    Rule("UIT-VOL-PLAATSEN", PLACEMENT, "Pakket vol, plaatsen gaan voor dekking en pakketregels", (),
         "Het pakket is vol ({size} van {max_size}): de plaatsen gingen naar interventies die een gekozen factor "
         "dekken, een pakketregel vervullen of met de hand zijn toegevoegd.",
         "Pakketregels P-DEKKING, P-INDIRECT, P-FAMILIES, P-OUDERS en P-NIVEAUS."),
    Rule("UIT-RUIMTE", PLACEMENT, "Er is plaats in een met de hand aangepast pakket", (),
         "Er is plaats in het pakket ({size} van {max_size}), en het pakket is met de hand aangepast: voeg haar "
         "toe als u wilt.", "Keuze van de gebruiker."),
    Rule("UIT-RUIMTE-NIET-AANGEBODEN", PLACEMENT, "Niet meer aangeboden, in een met de hand aangepast pakket", (),
         "Ze wordt niet meer aangeboden; gebruik haar hooguit als inspiratie.", _OFFERED_SOURCE),
    Rule("LACUNE", PLACEMENT, "Lacune", (),
         "Geen interventie in het pakket voor '{factor_name}'.", "Rapport 5.2: het model laat lacunes zien."),
    Rule("LACUNE-VOL", PLACEMENT, "Lacune: pakket vol", (),
         # worded for one name and for several alike: the sentence does not count them
         "Wel passend, maar niet in het pakket omdat het vol is ({size} van {max_size}): {fitting_names}. Zie de "
         "alternatieven of verhoog het maximum.", "Voorkeur van de gebruiker (maximum)."),
    Rule("LACUNE-VOL-GEEN-ALTERNATIEF", PLACEMENT, "Lacune: pakket vol, passende interventies niet bij de alternatieven",
         (),
         "Wel passend, maar niet in het pakket omdat het vol is ({size} van {max_size}): {fitting_names}. Verhoog "
         "het maximum of haal een interventie uit het pakket om er een toe te voegen.",
         "Voorkeur van de gebruiker (maximum)."),
    Rule("LACUNE-ANDERS", PLACEMENT, "Lacune: passende interventies met een andere reden", (),
         # no pointer to the advice page's 'Waarom staat ... er niet in?': the B&W document has no such part
         "Wel passend, maar om een andere reden dan de omvang van het pakket niet opgenomen: {fitting_names}.",
         "Het advies zelf."),
    Rule("LACUNE-FILTER", PLACEMENT, "Lacune: weggefilterd", (),
         "Door uw voorkeuren valt af wat het rapport hierbij noemt: {filtered_names}.",
         "Voorkeuren van de gebruiker."),
    Rule("LACUNE-GEEN", PLACEMENT, "Lacune: niets in het rapport", (),
         # 'voorbeeld': the report's tables name none here, though the gap may go on to name weaker, type-linked ones
         "Het rapport noemt bij deze factor geen voorbeeld dat hier past.", "Tabellen B3.1-B3.6."),
    Rule("LACUNE-TYPE-ELEMENTEN", PLACEMENT, "Lacune: type met werkzame elementen", (),
         "De werkzame elementen en randvoorwaarden van {guided_type_names} (Bijlage 2) kunnen richting geven aan "
         "een eigen, lokale interventie.", "Rapport 5.2 en Bijlage 2."),
    Rule("LACUNE-TYPE-VOORBEELDEN", PLACEMENT, "Lacune: type zonder werkzame elementen", (),
         "Voor {unguided_type_names} geeft Bijlage 2 geen algemene werkzame elementen en randvoorwaarden; de "
         "voorbeelden ({example_names}) kunnen inspireren.", "Bijlage 2, typen 8 en 9."),
    Rule("LACUNE-TYPEN", PLACEMENT, "Lacune: typen van de factor", (),
         "Het rapport koppelt deze factor aan {type_names}.", "Typekolom van tabellen B3.1-B3.6."),
    Rule("LACUNE-GEEN-TYPE", PLACEMENT, "Lacune: geen type", (),
         "Het rapport noemt geen interventietype voor deze factor.", "Typekolom van tabellen B3.1-B3.6."),
    Rule("LACUNE-TYPE-KANDIDATEN", PLACEMENT, "Lacune: interventies die alleen via hun type passen", (),
         "Via hun type passen {type_candidate_names} bij deze factor; het rapport noemt ze daar niet als voorbeeld, "
         "dus voor deze factor zijn ze zwakker onderbouwd.", "Rapport 3.2, Bijlage 2 en de typekolom van tabellen B3.1-B3.6."),
    Rule("LACUNE-TYPE-KANDIDATEN-ONDER-MEER", PLACEMENT, "Lacune: een deel van de interventies die alleen via hun type "
         "passen", (),
         "Via hun type passen onder meer {type_candidate_names} bij deze factor; het rapport noemt ze daar niet als "
         "voorbeeld, dus voor deze factor zijn ze zwakker onderbouwd.",
         "Rapport 3.2, Bijlage 2 en de typekolom van tabellen B3.1-B3.6."),
    Rule("LACUNE-TYPE-KANDIDAAT", PLACEMENT, "Lacune: een interventie die alleen via haar type past", (),
         "Via haar type past {type_candidate_names} bij deze factor; het rapport noemt haar daar niet als voorbeeld, "
         "dus voor deze factor is zij zwakker onderbouwd.",
         "Rapport 3.2, Bijlage 2 en de typekolom van tabellen B3.1-B3.6."),
    Rule("LACUNE-RUIMTE", PLACEMENT, "Lacune: er is plaats in het pakket", (),
         "Er is plaats in het pakket ({size} van {max_size}): voeg er een toe als u wilt.", "Keuze van de gebruiker."),
    Rule("WAAROM-IN-PAKKET", PLACEMENT, "Waarom niet? Ze staat erin", (),
         "{name} staat wél in het pakket (nummer {rank}).", "Het advies zelf."),
    Rule("WAAROM-AL-INGEZET", PLACEMENT, "Waarom niet? Loopt al", (),
         "{name} loopt al in uw gemeente en komt daarom niet nog eens in het advies.", "Rapport 4.1: aanvullend op wat er is."),
    Rule("WAAROM-ALTERNATIEF", PLACEMENT, "Waarom niet? Alternatief", (),
         "{name} staat als alternatief bij {other_name}. {cause}", "Het advies zelf."),
    Rule("WAAROM-ONBEKEND", PLACEMENT, "Waarom niet? Onbekend", (),
         "Deze interventie komt niet voor in de kennisbank.", "De kennisbank."),
    Rule("WAAROM-NIETS", PLACEMENT, "Waarom niet? Geen uitspraak", (),
         "Het advies zegt niets over {name}.", "Het advies zelf."),
)
PLACEMENTS = {rule.id: rule for rule in PLACEMENT_RULES}
# How the causes name the track a candidate could fill (the placement rule that fills it).
TRACK_NAMES = {"PL-INDIRECT": "indirect element (bouwsteen 6)", "PL-FAMILIES": "ondersteuning voor families (type 3)",
               "PL-OUDERS": "spoor voor ouders en opvoeders (type 2)"}

_PACKAGE = ("kind", "==", "package")
_EMPTY = ("size", "==", 0)

PACKAGE_RULES = (
    Rule("P-DEKKING", PACKAGE, "Elke gekozen factor gedekt", (_PACKAGE,), "",
         "Rapport 4.2: een totaalpakket dat de gekozen factoren dekt.", verdicts=(
             Verdict(False, (("chosen_count", "==", 0),),
                     "Er is geen beschermende factor gekozen of voorgesteld: kies in stap 3 de factoren die de gemeente wil versterken."),
             Verdict(True, (("uncovered_count", "==", 0),),
                     "Elke gekozen beschermende factor ({chosen_count}) wordt gedekt door het pakket of door wat al loopt."),
             Verdict(False, (("uncovered_count", ">", 0),),
                     "Niet alle gekozen factoren zijn gedekt: {uncovered_names}. Zie de lacunes."))),
    Rule("P-INDIRECT", PACKAGE, "Minstens één indirect element (bouwsteen 6)", (_PACKAGE,), "",
         "Rapport 4.1 en bouwsteen 6: samenwerking, deskundigheid en signalering dragen de aanpak.", verdicts=(
             Verdict(True, (("indirect_count", ">", 0),),
                     "Het pakket bevat een indirect element (samenwerking, deskundigheid of signalering): {indirect_names}."),
             Verdict(False, (("indirect_wanted", "==", False),),
                     "De gemeente koos ervoor de indirecte bouwsteen niet mee te nemen. Zonder samenwerking, deskundigheid en signalering "
                     "mist de aanpak een fundament."),
             Verdict(False, (("indirect_count", "==", 0),),
                     "Het pakket bevat geen indirect element (bouwsteen 6): samenwerking, deskundigheid of signalering. "
                     "Kies een factor uit bouwsteen 6 of verhoog het maximum."))),
    Rule("P-EXPLICIET", PACKAGE, "Focus op expliciet preventieve interventies", (_PACKAGE,), "",
         "Rapport 3.2 en 4.2: de focus blijft op interventies die expliciet gericht zijn op preventie.", verdicts=(
             Verdict(True, (("explicit_count", ">", 0),),
                     "Expliciet preventief in het pakket: {explicit_names}."),
             Verdict(False, (("explicit_available_count", ">", 0),),
                     "Het pakket bevat geen expliciet preventieve interventie, terwijl die er wel zijn voor de gekozen factoren "
                     "(bijvoorbeeld {explicit_available_names})."),
             Verdict(True, (("explicit_available_count", "==", 0),),
                     "Voor de gekozen factoren is geen expliciet preventieve interventie beschikbaar; het pakket werkt aan de "
                     "voedingsbodem."))),
    Rule("P-NIVEAUS", PACKAGE, "Zowel breed als gericht preventief", (_PACKAGE,), "",
         "Rapport 4.2: het trechtermodel, van universeel naar geïndiceerd.", verdicts=(
             Verdict(False, (_EMPTY,), "Het pakket is leeg: er is dus ook geen brede of gerichte preventie."),
             Verdict(True, (("levels_missing_count", "==", 0),),
                     "Het pakket combineert brede preventie ({broad_names}) met gerichte preventie ({targeted_names})."),
             Verdict(True, (("targeted_wanted", "==", False), ("broad_missing", "==", False)),
                     "Het pakket bevat brede preventie ({broad_names}). Gerichte preventie is hier niet nodig: selectieve "
                     "preventie past als er risico-indicaties zijn aangegeven en geïndiceerde als families een doelgroep "
                     "zijn, en geen van beide is het geval."),
             Verdict(False, (("levels_missing_count", ">", 0),),
                     "Het pakket werkt niet op zowel brede als gerichte preventie: {levels_missing} ontbreekt."))),
    Rule("P-FAMILIES", PACKAGE, "Ondersteuning voor families (type 3)", (_PACKAGE,), "",
         "Bijlage 2, type 3: ondersteuning gezinnen met familieleden die radicaliseren.", verdicts=(
             Verdict(True, (("families_wanted", "==", False),),
                     "De gemeente koos families van radicaliserende personen niet als doelgroep; een spoor voor hen is niet nodig."),
             Verdict(True, (("families_count", ">", 0),),
                     "Ondersteuning voor families van radicaliserende personen (type 3): {families_names}."),
             Verdict(False, (("families_count", "==", 0),),
                     "De gemeente koos families als doelgroep, maar het pakket bevat geen ondersteuning voor hen (type 3: "
                     "familieondersteuning, een hulplijn of lotgenotencontact)."))),
    Rule("P-OUDERS", PACKAGE, "Een spoor voor ouders en opvoeders (type 2)", (_PACKAGE,), "",
         "Bijlage 2, type 2: weerbaar opvoeden tegen radicalisering.", verdicts=(
             Verdict(True, (("parents_wanted", "==", False),),
                     "De gemeente koos ouders en opvoeders niet als doelgroep; een spoor voor hen is niet nodig."),
             Verdict(True, (("parents_count", ">", 0),), "Spoor voor ouders en opvoeders (type 2): {parents_names}."),
             Verdict(False, (("parents_count", "==", 0),),
                     "De gemeente koos ouders en opvoeders als doelgroep, maar het pakket bevat geen interventie van type 2 "
                     "(weerbaar opvoeden)."))),
    Rule("P-DUPLICAAT", PACKAGE, "Geen interventies die elkaar overlappen", (_PACKAGE,), "",
         "Rapport 4.2: een samenhangend pakket zonder dubbelingen.", verdicts=(
             Verdict(True, (("duplicates_count", "==", 0),),
                     "Geen interventies in het pakket overlappen elkaar; overlappende staan bij de alternatieven."),
             Verdict(False, (("duplicates_count", ">", 0),),
                     "Deze interventies overlappen elkaar (een type en een doelgroep gemeen): {duplicate_pairs}."))),
    Rule("P-ONDERBOUWD", PACKAGE, "Niet-onderbouwde interventies alleen naast onderbouwde", (_PACKAGE,), "",
         "Rapport 4.2: lokale initiatieven naast onderbouwde, geen aanpak van losse, incidentele activiteiten.", verdicts=(
             Verdict(False, (_EMPTY,), "Het pakket is leeg."),
             Verdict(True, (("substantiation_ok", "==", True), ("unsubstantiated_count", "==", 0)),
                     "Elke interventie in het pakket heeft een bekende onderbouwing (trede 1 of hoger)."),
             Verdict(True, (("substantiation_ok", "==", True),),
                     "Met een bekende onderbouwing (trede 1 of hoger): {substantiated_count}; zonder: "
                     "{unsubstantiated_count} ({unsubstantiated_names})."),
             Verdict(False, (("substantiation_ok", "==", False),),
                     "Meer interventies zonder bekende onderbouwing ({unsubstantiated_names}) dan met "
                     "({substantiated_count})."))),
    Rule("P-MAXIMUM", PACKAGE, "Niet groter dan het maximum", (_PACKAGE,), "",
         "Voorkeur van de gebruiker en capaciteit; rapport 4.1 en 4.2 (haalbaarheid).", verdicts=(
             Verdict(True, (("size_ok", "==", True),),
                     "Omvang van het pakket: {size}, binnen het maximum van {max_size} interventies."),
             Verdict(False, (("size_ok", "==", False),),
                     "Het pakket telt {size} interventies, meer dan het maximum van {max_size}."))),
)

ALL_RULES = (SUGGESTION_RULES + WARNING_RULES + FIRST_STEP_RULES + FILTER_RULES + SCORE_RULES + CAVEAT_RULES
             + PLACEMENT_RULES + PACKAGE_RULES)
RULES_BY_ID = {rule.id: rule for rule in ALL_RULES}
