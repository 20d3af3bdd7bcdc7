"""Every rule of the advice, as data: id, when it applies, its weight, its Dutch sentence and the
part of the report that motivates it. The engine compiles these into durable-rules rulesets;
the page "Hoe komt het advies tot stand?" and the tests read the same table.

Conditions are tuples (field, operator, value) over one fact, all of which must hold; the
operator "in" means "equals one of". Templates are filled from the same fact."""

from dataclasses import dataclass

Clause = tuple[str, str, object]

SUGGESTION, FILTER, SCORE, CAVEAT, PACKAGE = "suggestie", "filter", "score", "kanttekening", "pakket"
KIND_LABELS = {
    SUGGESTION: "Voorstelregels: van uw antwoorden naar beschermende factoren",
    FILTER: "Filters: uw voorkeuren sluiten interventies uit",
    SCORE: "Scoreregels: hoe goed een interventie bij uw situatie past",
    CAVEAT: "Kanttekeningen bij een interventie",
    PACKAGE: "Pakketregels: samen een samenhangende aanpak",
}


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
    unmet_template: str | None = None  # PACKAGE: the sentence when the rule is not met


def _answer(question: str, *values: str) -> tuple[Clause, ...]:
    return (("kind", "==", "answer"), ("question", "==", question), ("value", "in", list(values)))


# Package sizes per capacity (issue 11): the default maximum is the upper bound.
CAPACITY_SIZES = {"beperkt": (2, 3), "gemiddeld": (4, 5), "ruim": (6, 8)}

# Risk factors that are characteristics, not circumstances (report 2.2: "die vaker verwijzen
# naar een kenmerk dan een omstandigheid"): not influenced by interventions, so they suggest
# no protective factor, only a warning against stigma.
CHARACTERISTICS = ("jongere-leeftijd", "geslacht-man", "praktisch-opgeleid",
                   "sterke-religieuze-of-nationale-identiteit-voor-sommige-varianten-van-extremisme",
                   "eerste-generatie-migratieachtergrond")


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
         "positieve opvoedstijl zijn beschermend (interventietype 2).",
         "Rapport 2.2 (bouwsteen 2) en Bijlage 2, type 2.",
         factors=("goede-band-met-familie-opvoedondersteuners", "positieve-opvoedstijl")),
    Rule("V-FAMILIES", SUGGESTION, "Families van radicaliserende personen als doelgroep",
         _answer("doelgroep", "families"),
         "Voorgesteld omdat u {label} als doelgroep koos: steun aan het gezin en van belangrijke "
         "volwassenen houdt de band met de jongere in stand (interventietype 3).",
         "Rapport 2.2 (bouwsteen 2) en Bijlage 2, type 3.",
         factors=("goede-band-met-familie-opvoedondersteuners", "steun-van-belangrijke-volwassenen")),
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
         _answer("fase", "start"),
         "Voorgesteld omdat uw aanpak in de fase '{label}' is: een lokaal netwerk en deskundige "
         "professionals zijn het fundament van een preventieve aanpak (bouwsteen 6).",
         "Rapport 4.2 (wensen eindgebruikers: netwerk en samenwerking) en Bijlage 2, type 9.",
         factors=("lokaal-netwerk-van-gemeente-en-maatschappelijke-organisaties-die-samenwerken-bij-preventie-en-signalering-van-radicalisering",
                  "trainingen-voor-professionals-in-herkennen-duiden-en-omgaan-met-signalen-van-polarisatie-en-radicalisering")),
    Rule("V-PROFESSIONALS", SUGGESTION, "Professionals als doelgroep",
         _answer("doelgroep", "professionals-onderwijs", "professionals-jeugd", "professionals-veiligheid-zorg"),
         "Voorgesteld omdat u {label} als doelgroep koos: deskundigheid in herkennen, duiden en "
         "omgaan met signalen is een indirecte beschermende factor (bouwsteen 6).",
         "Rapport Bijlage 3, tabel B3.6 en Bijlage 2, type 9.",
         factors=("trainingen-voor-professionals-in-herkennen-duiden-en-omgaan-met-signalen-van-polarisatie-en-radicalisering",)),
    *(Rule(f"V-RISICO-{bouwsteen}", SUGGESTION, f"Risico-indicatie {where}",
           (("kind", "==", "answer"), ("question", "==", "risico"), ("bouwsteen", "==", bouwsteen)),
           "Voorgesteld omdat u '{label}' aangaf als aandachtspunt bij groepen in uw gemeente. Dit "
           "wijst op doelgroepen en een beschermende factor, nooit op individuele personen.",
           "Rapport 2.2: risicofactoren geven alleen een indicatie voor doelgroepen.", factors=factors)
      for bouwsteen, where, factors in (
          (1, "bij het individu", ("positieve-stabiele-identiteitsontwikkeling", "gezonde-emotieregulatie")),
          (2, "in gezin en familie", ("goede-band-met-familie-opvoedondersteuners", "positieve-opvoedstijl")),
          (3, "in de dagbesteding", ("goede-en-positieve-band-met-school-werk",
                                     "constructieve-dagbesteding-of-vrijetijdsbesteding")),
          (4, "in de sociale omgeving", ("stabiele-positieve-en-ondersteunende-relaties-met-peers-en-gemeenschap",
                                         "weerbaarheid-tegen-groepsdruk")),
          (5, "in de samenleving", ("binding-met-de-conventionele-samenleving", "gevoel-van-basiszekerheid")),
      )),
)

_CANDIDATE = ("kind", "==", "candidate")

FILTER_RULES = (
    Rule("F-INDIRECT", FILTER, "Indirecte bouwsteen niet meenemen",
         (_CANDIDATE, ("indirect_only", "==", True), ("indirect_wanted", "==", False)),
         "Uitgesloten omdat u koos de indirecte bouwsteen (samenwerking, deskundigheid, signalering) niet mee te nemen.",
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
    Rule("F-AANSLUITING", FILTER, "Sluit niet aan bij de gekozen factoren",
         (_CANDIDATE, ("relevant", "==", False)),
         "Niet opgenomen omdat deze interventie niet is gekoppeld aan een van de beschermende factoren "
         "die u koos, ook niet via haar interventietype.",
         "Bouwstenenmodel, tabellen B3.1-B3.6 (koppeling factor - interventie)."),
)

SCORE_RULES = (
    Rule("S-FACTOR-DIRECT", SCORE, "Direct gekoppeld aan een gekozen factor",
         (_CANDIDATE, ("direct_count", ">", 0)),
         "Het rapport noemt haar als voorbeeld bij {direct_names}.",
         "Bouwstenenmodel, tabellen B3.1-B3.6.", weight=10.0, per="direct_count"),
    Rule("S-PRIORITEIT", SCORE, "Factor met hoge prioriteit",
         (_CANDIDATE, ("priority_count", ">", 0)),
         "U gaf {priority_names} hoge prioriteit.",
         "Keuze van de gebruiker in stap 3.", weight=5.0, per="priority_count"),
    Rule("S-FACTOR-TYPE", SCORE, "Via het interventietype gekoppeld",
         (_CANDIDATE, ("type_count", ">", 0)),
         "Haar type ({type_names}) past bij {type_factor_names}; het rapport noemt interventies "
         "alleen als voorbeelden, dus dit is een zwakkere koppeling.",
         "Bijlage 2 en de typekolom van tabellen B3.1-B3.6.", weight=3.0, per="type_count"),
    Rule("S-DOELGROEP", SCORE, "Past bij de doelgroep",
         (_CANDIDATE, ("target_count", ">", 0)),
         "Ze richt zich op {target_names}, een doelgroep die u koos.",
         "Rapport 4.2 en 5.2: zoeken op doelgroep.", weight=2.0, per="target_count"),
    Rule("S-SETTING", SCORE, "Past bij de setting",
         (_CANDIDATE, ("setting_count", ">", 0)),
         "Ze wordt uitgevoerd in {setting_names}, een setting die u koos.",
         "Rapport 4.2 en 5.2: zoeken op setting.", weight=1.5, per="setting_count"),
    Rule("S-PREVENTIENIVEAU", SCORE, "Past bij het preventieniveau",
         (_CANDIDATE, ("level_match", "==", True)),
         "Ze werkt op het niveau {prevention_names} van het trechtermodel, dat past bij wat u aangaf.",
         "Rapport 4.2: het trechtermodel (universeel, selectief, geïndiceerd).", weight=1.0),
    Rule("S-EXPLICIET", SCORE, "Expliciet gericht op preventie",
         (_CANDIDATE, ("explicit", "==", True)),
         "Ze is expliciet gericht op het voorkomen van polarisatie of radicalisering.",
         "Rapport 4.2: eindgebruikers willen de focus op expliciet preventieve interventies.", weight=3.0),
    Rule("S-TREDE-1", SCORE, "Onderbouwing: trede 1",
         (_CANDIDATE, ("level", "==", 1)),
         "Ze is beschreven (trede 1 van de effectladder, {level_source}).",
         "Effectladder, Bijlage 1; rapport 3.2: een hogere trede is niet vanzelf beter.", weight=0.5),
    Rule("S-TREDE-2", SCORE, "Onderbouwing: trede 2",
         (_CANDIDATE, ("level", "==", 2)),
         "Ze is veelbelovend: er is een onderbouwde werkingstheorie (trede 2, {level_source}).",
         "Effectladder, Bijlage 1; rapport 3.2: een hogere trede is niet vanzelf beter.", weight=1.0),
    Rule("S-TREDE-3", SCORE, "Onderbouwing: trede 3 of hoger",
         (_CANDIDATE, ("level", ">=", 3)),
         "Er zijn eerste aanwijzingen dat ze doeltreffend is (trede {level}, {level_source}).",
         "Effectladder, Bijlage 1; rapport 3.2: een hogere trede is niet vanzelf beter.", weight=1.5),
    Rule("S-AANGEBODEN", SCORE, "Wordt nu aangeboden",
         (_CANDIDATE, ("offered", "==", "ja")),
         "Ze wordt op dit moment aangeboden.",
         "Rapport 3.2 (kolom 'momenteel aangeboden').", weight=1.0),
    Rule("S-NIET-AANGEBODEN", SCORE, "Wordt niet meer aangeboden",
         (_CANDIDATE, ("offered", "==", "nee")),
         "Ze wordt niet meer aangeboden; dat telt negatief mee.",
         "Rapport 3.2 (kolom 'momenteel aangeboden').", weight=-2.0),
    Rule("S-AANPAK", SCORE, "Past bij de gewenste aanpak",
         (_CANDIDATE, ("approach_match", "==", True)),
         "Ze is {approach_text}, zoals u wilde.",
         "Rapport 4.2: persoonsgericht of collectief.", weight=1.5),
    Rule("S-ONLINE", SCORE, "Richt zich op de online wereld",
         (_CANDIDATE, ("online_match", "==", True)),
         "Ze richt zich (ook) op de online wereld, die u als aandachtspunt noemde.",
         "Rapport 4.2 en bouwsteen 4 (digitale weerbaarheid).", weight=1.5),
)

CAVEAT_RULES = (
    Rule("K-NIET-AANGEBODEN", CAVEAT, "Niet meer aangeboden",
         (_CANDIDATE, ("offered", "==", "nee")),
         "Wordt voor zover bekend niet meer aangeboden: gebruik haar als inspiratie of neem contact op met de (voormalige) aanbieder.",
         "Rapport 3.2 en Bijlage 3."),
    Rule("K-AANBOD-ONBEKEND", CAVEAT, "Onbekend of zij nog wordt aangeboden",
         (_CANDIDATE, ("offered", "==", "onbekend")),
         "Onbekend of deze interventie nog wordt aangeboden: vraag het na bij de aanbieder.",
         "Rapport 3.2 en Bijlage 3."),
    Rule("K-EIGEN-INSCHATTING", CAVEAT, "Trede is een eigen inschatting",
         (_CANDIDATE, ("level_source", "==", "eigen inschatting")),
         "De trede is een eigen, niet-officiële inschatting van de onderzoekers op basis van een "
         "evaluatie, geen erkenning door een databank van NJi of Movisie.",
         "Bijlage 1 en Bijlage 3 (niveau van onderbouwing)."),
    Rule("K-GEEN-TREDE", CAVEAT, "Onderbouwing onbekend",
         (_CANDIDATE, ("level", "==", -1)),
         "Het rapport vermeldt geen niveau van onderbouwing: beoordeel de interventie aan de hand van "
         "de werkzame elementen en randvoorwaarden van haar type.",
         "Rapport 3.2 en Bijlage 2."),
    Rule("K-GEMEENTE", CAVEAT, "Verzameld via een gemeente",
         (_CANDIDATE, ("has_municipalities", "==", True)),
         "Verzameld via {municipality_names}: vraag daar naar de ervaringen.",
         "Rapport 3.2 (uitvraag bij gemeenten)."),
    Rule("K-NIET-EXPLICIET", CAVEAT, "Niet expliciet preventief",
         (_CANDIDATE, ("explicit", "==", False)),
         "Niet expliciet gericht op polarisatie of radicalisering: leg in de uitvoering zelf de verbinding met preventie.",
         "Rapport 4.2."),
    Rule("K-LIJKT-OP-INGEZET", CAVEAT, "Lijkt op wat al loopt",
         (_CANDIDATE, ("similar_in_use_count", ">", 0)),
         "Lijkt op {similar_in_use_names}, dat u al inzet: kijk of uitbreiding daarvan volstaat.",
         "Rapport 4.2: sluit aan bij wat lokaal al loopt."),
)

_PACKAGE = ("kind", "==", "package")

PACKAGE_RULES = (
    Rule("P-DEKKING", PACKAGE, "Elke gekozen factor gedekt of als lacune benoemd",
         (_PACKAGE, ("uncovered_count", "==", 0)),
         "Elke gekozen beschermende factor wordt gedekt door het pakket of door wat al loopt.",
         "Rapport 4.2: een totaalpakket dat de gekozen factoren dekt.",
         unmet_template="Niet alle gekozen factoren zijn gedekt: {uncovered_names}. Zie de lacunes."),
    Rule("P-INDIRECT", PACKAGE, "Minstens één indirect element (bouwsteen 6)",
         (_PACKAGE, ("indirect_ok", "==", True)),
         "{indirect_text}",
         "Rapport 4.2 en bouwsteen 6: samenwerking, deskundigheid en signalering dragen de aanpak.",
         unmet_template="{indirect_text}"),
    Rule("P-EXPLICIET", PACKAGE, "Focus op expliciet preventieve interventies",
         (_PACKAGE, ("explicit_ok", "==", True)),
         "Het pakket bevat {explicit_count} expliciet preventieve interventie(s).",
         "Rapport 4.2: focus op interventies die expliciet gericht zijn op preventie.",
         unmet_template="Het pakket bevat geen expliciet preventieve interventie, terwijl die er wel zijn voor uw factoren."),
    Rule("P-NIVEAUS", PACKAGE, "Zowel breed als gericht preventief",
         (_PACKAGE, ("levels_ok", "==", True)),
         "Het pakket combineert brede preventie (voedingsbodem) met gerichte preventie.",
         "Rapport 4.2: het trechtermodel, van universeel naar geïndiceerd.",
         unmet_template="Het pakket werkt niet op zowel brede als gerichte preventie: {levels_missing} ontbreekt."),
    Rule("P-GEZIN", PACKAGE, "Een spoor voor ouders en families",
         (_PACKAGE, ("family_ok", "==", True)),
         "{family_text}",
         "Rapport 4.2 en bouwsteen 2.",
         unmet_template="U koos ouders of families als doelgroep, maar geen interventie in het pakket richt zich op hen."),
    Rule("P-DUPLICAAT", PACKAGE, "Geen interventies die elkaar overlappen",
         (_PACKAGE, ("duplicates_count", "==", 0)),
         "{duplicates_text}",
         "Rapport 4.2: een samenhangend pakket zonder dubbelingen.",
         unmet_template="{duplicates_text}"),
    Rule("P-ONDERBOUWD", PACKAGE, "Lokale, niet onderbouwde initiatieven alleen naast onderbouwde",
         (_PACKAGE, ("substantiation_ok", "==", True)),
         "{substantiation_text}",
         "Rapport 4.2: geen pakket van losse, incidentele activiteiten.",
         unmet_template="{substantiation_text}"),
    Rule("P-MAXIMUM", PACKAGE, "Niet groter dan het gekozen maximum",
         (_PACKAGE, ("size_ok", "==", True)),
         "Het pakket telt {size} interventie(s), binnen het maximum van {max_size}.",
         "Voorkeur van de gebruiker; rapport 4.2 (haalbaarheid, capaciteit).",
         unmet_template="Het pakket telt {size} interventies, meer dan het maximum van {max_size}."),
)

ALL_RULES = SUGGESTION_RULES + FILTER_RULES + SCORE_RULES + CAVEAT_RULES + PACKAGE_RULES
RULES_BY_ID = {rule.id: rule for rule in ALL_RULES}
