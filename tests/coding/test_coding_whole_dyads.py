"""Issue 10: appeals take their code from the act asked, a verb of one sense does not take
a pattern of another verb of its dictionary family, and praise or criticism of an act is
aimed at whose act it is. Sentences written for these tests."""

from __future__ import annotations

from datetime import date


def dyads(run, text):
    # (the asked or intended act embedded in an appeal or criticism is its own event,
    # marked by attribution; these tests look at the frame's own event)
    result = run(text)
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events
                   if e.status not in ("requested", "intended")),
                  key=lambda d: tuple(v or "" for v in d))


def test_asking_a_party_to_act_is_an_appeal(run):
    # the asked act's words ("sentence") are no "request a sentence" (173) of the asker
    assert dyads(run, "Kenya asked the Somali government to carry out the court's sentence.") == [
        ("KEN", "SOMGOV", "020")]
    # the act asked says which appeal: to meet (026), for military aid (0232)
    assert dyads(run, "Kenya asked Somalia to hold talks with Ethiopia.") == [("KEN", "SOM", "026")]
    assert dyads(run, "France asked the United States to provide military aid to Ukraine.") == [
        ("FRA", "USA", "0232")]
    # people asking people: no party, no appeal
    assert dyads(run, "The teacher asked the students to leave the room.") == []


def test_condemn_keeps_its_own_code(run):
    assert dyads(run, "Chad's government condemned the attack.") == [("TCDGOV", None, "111")]
    # "blamed ... on" is the pattern's own verb: an accusation
    assert dyads(run, "The Chadian minister blamed the attack on Boko Haram.") == [("TCDGOV", "NGAREB", "112")]


def test_criticism_of_an_act_is_aimed_at_its_author(run):
    assert dyads(run, "Egypt condemned the killing of the journalist by Israeli soldiers.") == [("EGY", "ISRMIL", "111")]
    assert dyads(run, "Britain criticised the decision by Moscow to expel the diplomats.") == [
        ("GBR", "RUSGOV", "111")]
    assert dyads(run, "Iran praised Qatar's mediation.") == [("IRN", "QAT", "051")]


def coded(run, text):
    result = run(text, stages=["actors", "coding"])
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events),
                  key=lambda d: tuple(v or "" for v in d))


def test_heavy_weapons_are_fight_with_artillery(run):
    assert coded(run, "Indian and Pakistani troops exchanged artillery fire across the border.") == [
        ("INDMIL", "PAKMIL", "194"), ("PAKMIL", "INDMIL", "194")]
    assert coded(run, "Hamas militants fired rockets at Israel.") == [("PSEREBHMS", "ISR", "194")]
    assert coded(run, "Syrian troops attacked the rebels with tanks.")[0][2] == "194"
    # small arms stay 193; a tank that is aimed at is no weapon used
    assert [c for _, _, c in coded(run, "Indian and Pakistani troops exchanged gunfire in Kashmir.")] == ["193", "193"]
    assert [c for _, _, c in coded(run, "Syrian troops attacked the tank of the rebels.")] == ["190"]


def test_act_done_by_another_act_is_one_event(run):
    # "retaliated ... by firing": one act, coded from how it was done, aimed where the
    # retaliation was
    assert coded(run, "South Korea retaliated against North Korea by firing dozens of rounds of artillery.") == [
        ("KOR", "PRK", "194")]
    # a gerund of another root is a second act
    assert coded(run, "Kenya protested by recalling its ambassador from Uganda.") == [
        ("KEN", None, "140"), ("KEN", "UGA", "161")]


def test_aid_needs_someone_who_receives_it(run):
    assert coded(run, "Saudi officials provided safeguards by installing a wall around the site.") == []
    assert coded(run, "Japan provided aid to the Philippines.") == [("JPN", "PHL", "070")]


def test_act_kept_when_its_gerund_is_not_coded(run):
    # the violation stays when the gerund that says how yields no event of its own
    assert coded(run, "The Pakistan army violated the ceasefire by shelling along the border.") == [
        ("PAKMIL", None, "196")]


def test_history_the_article_recalls_is_not_news(run):
    published = date(2011, 4, 13)

    def at(text):
        result = run(text, published=published, stages=["actors", "coding"])
        return [(e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events]

    assert at("In 1995, the Rwandan army attacked Hutu rebels in Congo.") == []
    assert at("The court said the Serbian army had attacked Bosnian towns in 1993.") == []
    # the same act reported as news, or still running, is coded
    # (rebels no dictionary places are the gold's bare ---REB)
    assert at("The Rwandan army attacked Hutu rebels in Congo on Tuesday.") == [("RWAMIL", "---REB", "190")]
    assert at("Since 2003, the Sudanese army has attacked Darfur rebels.") == [("SDNMIL", "SDNREB", "190")]
    # a clause conjoined to the recalled one has its own time
    assert at("Russia annexed Crimea in 2008, and the EU imposed new sanctions on Russia on Monday.") == [
        ("IGOEUREEC", "RUS", "163")]
    # condemning a past act is news; the past act itself is not coded
    assert at("Rwanda condemned the 1994 attack on Tutsi civilians by Hutu militias.")[0][2] == "111"


def test_called_x_adjective_is_a_statement_about_x_not_a_call(run):
    # the parse hangs the closing adjective on the object's last preposition
    assert coded(run, "Kenya called the decision by Uganda unacceptable.") == [("KEN", "UGA", "111")]
    assert coded(run, "The Kenyan bishops called the ruling of the Ugandan court dangerous.")[0][2] == "111"
    # a call to a person is still a call
    assert ("KEN", "UGAGOV", "041") in coded(run, "Kenya called the president of Uganda on Tuesday.")


def test_support_of_oneself_names_no_receiver(run):
    assert coded(run, "Microsoft has outlived its old browser, and Microsoft no longer wants to support it.") == []
    assert coded(run, "Germany said it would support Ukraine.") == [("DEU", "UKR", "050")]


def test_a_place_is_no_party_to_an_uncoded_persons_trip(run):
    assert coded(run, "He traveled to Florida to meet with his lawyer.") == []
    # force used in a place by someone uncoded stays: the place is where the harm was done
    assert coded(run, "Gunmen attacked a market in Kano.") == [(None, "NGA", "190")]


def test_condemning_an_attack_is_criticism_not_sympathy(run):
    assert coded(run, "Chad's government condemned the terrorist attack on a church.") == [("TCDGOV", None, "111")]


def test_sports_senses_are_no_events(run):
    assert coded(run, "Spain beat France 2-1 in Madrid.") == []
    assert coded(run, "Brazil crushed Argentina in the Copa America final.") == []
    assert coded(run, "Spain's Nadal defeated Serbia's Djokovic in the final.") == []
    # "final" as an adjective of time is no match
    assert coded(run, "Russia attacked Ukraine in the final days of the talks.") == [("RUS", "UKR", "190")]


def test_habits_and_general_truths_are_no_events(run):
    assert coded(run, "The army has traditionally protected the president.") == []
    assert coded(run, "Chinese troops usually patrol the border with India.") == []
    assert coded(run, "Chinese troops patrolled the border with India on Monday.") == [("CHNMIL", "IND", "150")]


def test_a_practice_reported_as_news_is_coded(run):
    # "routinely" reports an ongoing practice, not a general truth
    assert coded(run, "Israeli soldiers routinely beat up Palestinian detainees in the West Bank.") == [
        ("ISRMIL", "PSEOPP", "190")]


def test_a_title_of_a_named_party_is_that_party_once(run):
    # one meeting, not a second one from the uncoded title
    assert coded(run, "The foreign minister of Egypt met his Sudanese counterpart in Cairo.") == [
        ("EGY", "SDN", "040"), ("SDN", "EGY", "040")]


def test_a_place_met_in_does_not_meet_back(run):
    assert coded(run, "The delegations met in Geneva on Monday.") == []


def test_a_named_body_acting_in_a_place_keeps_its_event(run):
    # (a government whose state its own name does not say is ---GOV)
    assert coded(run, "The Government of National Accord announced a unilateral ceasefire on Friday in Libya.") == [
        ("---GOV", "LBY", "0871")]


def test_the_preposition_a_pattern_is_made_of_gives_the_target(run):
    assert coded(run, "France will stand by Ukraine.") == [("FRA", "UKR", "051")]


def test_fixed_phrases(run):
    # a tone struck is no blow; a swipe taken is criticism, not an arrest
    assert coded(run, "The Iranian president struck a conciliatory tone towards the United States.") == []
    assert coded(run, "The German chancellor took a swipe at Russia on Tuesday.") == [("DEUGOV", "RUS", "111")]
    assert coded(run, "Rebels struck a military base in Mali.")[0][2] == "190"


def test_predicative_infinitives_are_no_acts(run):
    assert coded(run, "The Kenyan boy was welcome to come and tour the company with the Kenyan president.") == []
    assert coded(run, "Iran is unlikely to attack Israel.") == []
    assert coded(run, "Kenya was able to sign a deal with Uganda.") == [("KEN", "UGA", "057")]


def test_a_court_ruling_is_no_cooperation(run):
    # the dictionary's 060 (govern, rule) needs a party it is done to
    assert coded(run, "The Italian Supreme Court has ruled on the case.") == []
