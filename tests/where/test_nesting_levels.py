"""Which of nested places is the event's: the innermost, where the text's own words say
how large an unknown name is ("Qena Province", "the Riyom LGA") and a possessor or a
direction part of a country only locates the smaller place."""

from __future__ import annotations

from conftest import place_of


def test_a_town_inside_a_province_the_gazetteer_lacks_is_the_place(nlp):
    assert place_of(nlp, "Police arrested three men in the town of Isna in Qena Province on Friday.", "arrested") == "Isna"


def test_a_district_inside_a_local_government_area(nlp):
    text = "Gunmen killed nine villagers in the Kwall district of Bassa LGA on Sunday."
    assert place_of(nlp, text, "killed") == "Kwall"


def test_the_possessor_locates_the_province_it_owns(nlp):
    text = "Police defused a bomb on Tuesday in Manila's neighbouring province of Pampanga."
    assert place_of(nlp, text, "defused") == "Pampanga"


def test_a_province_beside_a_part_of_its_country(nlp):
    text = "Two fighters were killed by a mine in Raqqa province, northern Syria."
    assert place_of(nlp, text, "killed") in ("Raqqa province", "Raqqa")


def test_a_part_of_a_city_is_still_finer_than_the_province(nlp):
    text = "Artillery shelled eastern Aleppo in Aleppo Governorate on Monday."
    assert place_of(nlp, text, "shelled") == "eastern Aleppo"


def test_a_country_is_never_inside_another_place(nlp):
    text = "Rebels captured three towns along Zaire's border with Rwanda last month."
    assert place_of(nlp, text, "captured") == "Zaire"


def test_an_unknown_acronym_is_an_organisation_not_a_place(nlp):
    text = "At 9:20 A.M., a suicide bomber detonated his explosives near the MFO base in Al-Gurah."
    assert place_of(nlp, text, "detonated") == "Al-Gurah"


def test_an_unknown_acronym_alone_places_nothing(nlp):
    assert place_of(nlp, "Two teenagers were killed in CRPF firing on Monday.", "killed") is None


def test_a_when_clause_sets_the_scene(nlp):
    text = "A roadside bomb was detonated on Monday when a police convoy drove through the town of Baiji."
    assert place_of(nlp, text, "detonated") == "Baiji"


def test_an_as_clause_sets_the_scene(nlp):
    text = "The reporter was shot dead on Friday as he drove through the neighbourhood of Dobrinja."
    assert place_of(nlp, text, "shot") == "Dobrinja"


def test_troops_sent_to_a_town_are_placed_there(nlp):
    text = "The army sent hundreds of reinforcements to Kidal on Monday."
    assert place_of(nlp, text, "sent") == "Kidal"


def test_a_deployment_to_a_country_is_placed_there(nlp):
    assert place_of(nlp, "The missiles were deployed to Syria last month.", "deployed") == "Syria"


def test_a_march_from_one_place_to_another_is_not_placed_at_its_end(nlp):
    text = "The demonstrators marched from Najaf to the shrine town of Kufa."
    assert place_of(nlp, text, "marched") is None


def test_speaking_to_a_place_does_not_place_it_there(nlp):
    assert place_of(nlp, "The minister wrote to Brussels on Monday.", "wrote") is None


def test_a_coordinated_verbs_destination_does_not_place_the_trigger(nlp):
    text = "Militants fired mortars to force the army to shoot and send troops to Syria."
    assert place_of(nlp, text, "shoot") is None
