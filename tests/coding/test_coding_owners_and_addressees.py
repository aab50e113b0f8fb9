"""Issue 10, second pass: several owners of one title, the party a participle aims the
object at, the one called and urged, and the parties between whom an act mediates.
Sentences written for these tests."""

from __future__ import annotations


def events(run, text):
    return [e for e in run(text).events if e.status not in ("requested", "intended")]


def dyads(run, text, status=("requested", "intended")):
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code)
                   for e in run(text).events if e.status not in status),
                  key=lambda d: tuple(v or "" for v in d))


def test_title_owned_by_several_parties_is_each_of_them(run):
    # a meeting of the two: both directions, and the city met in is no party
    assert dyads(run, "The foreign ministers of Chile and Peru met in Lima on Tuesday.") == [
        ("CHL", "PER", "040"), ("PER", "CHL", "040")]
    # one event per owner, aimed at the one criticised
    assert [(s, t) for s, t, _ in dyads(run, "The ambassadors of Britain and France criticised Iran.")] == [
        ("FRA", "IRN"), ("GBRGOV", "IRN")]
    # "both governments" counts the two named before
    text = "Sudan and South Sudan signed a deal last year. Delegations of both governments met in Cairo on Sunday."
    met = sorted((e.source.code, e.target.code) for e in run(text).events if e.trigger.text == "met")
    assert met == [("SDN", "SSD"), ("SSD", "SDN")]
    # a thing of two countries is no party and does nothing
    assert dyads(run, "The border of Chile and Peru was closed.") == []


def test_participle_names_the_party_the_object_is_aimed_at(run):
    assert dyads(run, "The European Union eased sanctions imposed on Iran.") == [("IGOEUREEC", "IRN", "085")]
    assert dyads(run, "Washington lifted restrictions placed on Cuban diplomats.") == [("USAGOV", "CUBGOV", "081")]
    # where it was imposed is no party it was imposed on
    assert dyads(run, "Russia lifted the ban imposed in Moscow.") == [("RUS", None, "081")]
    # the possessor of a proposal is whom its rejection is aimed at
    assert dyads(run, "Germany rejected Iran's proposal.") == [("DEU", "IRN", "120")]


def test_called_and_urged_is_a_call_and_an_appeal_to_the_one_called(run):
    # "him" is never the subject of its own clause: it is the one called
    found = events(run, "Obama called President Erdogan on Wednesday and urged him to exercise caution.")
    assert sorted((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in found) == [
        ("TURGOV", "USAGOV", "041"), ("USAGOV", "TURGOV", "020"), ("USAGOV", "TURGOV", "041")]
    appeal = next(e for e in found if e.cameo.code == "020")
    assert appeal.target.text == "President Erdogan"
    found = events(run, "Merkel phoned Putin and asked him to withdraw the troops.")
    appeal = next(e for e in found if e.cameo.code[:2] == "02")
    assert (appeal.source.code, appeal.target.code, appeal.target.text) == ("DEUGOV", "RUSGOV", "Putin")
    # the parse hangs "called" on the name before it: still the clause's own verb, not a naming
    assert dyads(run, "Chancellor Angela Merkel called President Emmanuel Macron of France on Friday "
                      "and urged him to reopen the border.") == [
        ("DEUGOV", "FRAGOV", "020"), ("DEUGOV", "FRAGOV", "041"), ("FRAGOV", "DEUGOV", "041")]


def test_a_day_is_no_party_called_on(run):
    assert dyads(run, "Obama called Erdogan on Wednesday.") == [("TURGOV", "USAGOV", "041"), ("USAGOV", "TURGOV", "041")]
    # a name is still a name
    named = run("A militant group called the Popular Front attacked the police station in Kabul.")
    assert not [e for e in named.events if e.trigger.text == "called"]


def test_parties_between_whom_an_act_mediates_are_its_targets(run):
    assert sorted(t for _, t, _ in dyads(run, "Kuwait launched an effort to end the rift between Qatar and Bahrain.")) == [
        "BHR", "QAT"]
    assert dyads(run, "Algeria offered to mediate the dispute between Mali and Niger.", status=()) == [
        ("DZA", "MLI", "039"), ("DZA", "NER", "039")]
    # no party acts: nothing
    assert dyads(run, "The teacher explained the difference between France and Germany.", status=()) == []


def test_answer_to_an_authored_thing_is_aimed_at_its_author(run):
    # the author of the accusations, not whom they are against
    assert dyads(run, "Chile rejected accusations by Bolivia against the Chilean navy.") == [("CHL", "BOL", "016")]
    assert dyads(run, "Germany rejected the proposal by France to impose sanctions on Iran.", status=("requested",)) == [
        ("DEU", "FRA", "120")]
    # the parse hangs the noun's "by" on the active verb: still the author
    assert dyads(run, "Chile denied the accusation by Peru.") == [("CHL", "PER", "016")]
    # one's own proposal names no other party
    assert dyads(run, "Iran rejected its own proposal.") == [("IRN", None, "120")]


def test_joint_subjects_of_a_mutual_act_act_on_each_other(run):
    assert dyads(run, "India and Pakistan clashed on the border.") == [("IND", "PAK", "190"), ("PAK", "IND", "190")]
    # the place fought in is no party
    assert dyads(run, "Sudan and South Sudan fought in Abyei.") == [("SDN", "SSD", "190"), ("SSD", "SDN", "190")]
    # allies fighting a third party do not fight each other
    assert [(s, t) for s, t, _ in dyads(run, "Russia and Syria fought the rebels in Idlib.")] == [
        ("RUS", "SYRREB"), ("SYR", "SYRREB")]


def test_a_plural_named_by_its_examples_is_those_parties(run):
    assert dyads(run, "President Bush urged valued partners like Saudi Arabia to move toward freedom.") == [
        ("USAGOV", "SAU", "020")]
    # people listed as members are no parties the act is aimed at
    assert dyads(run, "Montalvo has been assisted by former members of the church, including actor Jason Beghe.") == []
