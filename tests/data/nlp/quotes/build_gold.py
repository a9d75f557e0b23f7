"""The gold of the hand-written quote set, in readable form: `python tests/data/nlp/quotes/build_gold.py`
writes gold.json (character offsets found here, every text checked to occur in its article)."""
import json, pathlib
D = pathlib.Path(__file__).resolve().parent  # tests/data/nlp/quotes
G = {
"01_council_budget.txt": [
 ("direct", "This budget keeps every fire station open and every library branch staffed", "Elena Ruiz"),
 ("indirect", "the plan relied on \"rosy revenue forecasts\" that would not survive a downturn", "David Okafor"),
 ("scare", "rosy revenue forecasts", "David Okafor"),
 ("direct", "We are writing checks the city cannot cash", "David Okafor"),
 ("direct", "Next year someone will have to explain the cuts.", "David Okafor"),
 ("indirect", "that warning", "Elena Ruiz"),
 ("indirect", "the forecasts came from the state economist and were conservative", "Elena Ruiz"),
 ("indirect", "the plan adds 140 positions, most of them in parks and public safety", ["city budget office", "the city budget office"]),
],
"02_trial_verdict.txt": [
 ("indirect", "they would appeal", "Rachel Kim"),
 ("direct", "The jury did not hear the whole story, and we will make sure an appeals court does", "Rachel Kim"),
 ("indirect", "Avery billed the Navy for parts that were never delivered", ["Prosecutors"]),
 ("direct", "He treated a public contract like a personal bank account", "Mark Delgado"),
 ("indirect", "he faced up to 20 years in prison", "Linda Park"),
],
"03_storm.txt": [
 ("indirect", "A fast-moving storm knocked out power to about 200,000 homes and businesses across the Houston area on Monday night", ["the utility"]),
 ("direct", "Crews will work through the night, but some customers should expect to be without power until Thursday", "Jenna Morales"),
 ("indirect", "winds reached 80 mph in parts of Harris County", "National Weather Service"),
 ("indirect", "a tree fell through his garage roof", "Carl Benson"),
 ("direct", "It sounded like a freight train", "Carl Benson"),
 ("direct", "I grabbed the kids and we hid in the bathroom.", "Carl Benson"),
 ("indirect", "residents to stay off the roads", "Ana Fuentes"),
 ("direct", "If you do not need to drive, please stay home", "Ana Fuentes"),
],
"04_transcript.txt": [
 ("direct", "We have tested every school in the district, and the results will be public by Monday.", "Patricia Hale"),
 ("direct", "Why did it take three weeks to start testing?", None),
 ("direct", "Because we wanted the tests done right the first time. I understand the frustration.", "Patricia Hale"),
 ("direct", "Will anyone be fired?", None),
 ("direct", "I am not going to prejudge the review. When it is finished, there will be accountability.", "Patricia Hale"),
],
"05_startup.txt": [
 ("indirect", "it had raised $300 million in a funding round led by Northgate Capital", "Lumen Silicon"),
 ("indirect", "the money would pay for a second design team in Austin", "Priya Natarajan"),
 ("direct", "Demand for efficient inference chips is growing faster than anyone predicted", "Priya Natarajan"),
 ("direct", "We intend to be the company that meets it.", "Priya Natarajan"),
 ("indirect", "the market was \"crowded and unforgiving", "Owen Clarke"),
 ("scare", "crowded and unforgiving.", "Owen Clarke"),
 ("indirect", "it was about $2 billion", ["two people familiar with the deal", "two people"]),
],
"06_senate_vote.txt": [
 ("direct", "This is the biggest investment in roads and bridges in a generation", "Paul Whitman"),
 ("indirect", "the bill's funding formula", "Karen Doyle"),
 ("indirect", "it shortchanged rural states", "Karen Doyle"),
 ("direct", "My constituents drive farther and pay more in gas taxes", "Karen Doyle"),
 ("direct", "They deserve their fair share.", "Karen Doyle"),
 ("indirect", "that argument", "Paul Whitman"),
 ("direct", "Every state gets more money than it did under the old law", "Paul Whitman"),
 ("indirect", "President Laura Chen would sign the bill if the House passed it", "White House"),
],
"07_football.txt": [
 ("direct", "I have never heard this stadium so loud", "Sean Gallagher"),
 ("direct", "The lads never stopped believing.", "Sean Gallagher"),
 ("partial", "the best moment of my career.", "Tomas Novak"),
 ("indirect", "tired legs for the late collapse", "Henrik Larsen"),
 ("direct", "We played three games in seven days", "Henrik Larsen"),
 ("direct", "You cannot defend like that for 94 minutes.", "Henrik Larsen"),
 ("indirect", "he would give the players two days off", "Sean Gallagher"),
],
"08_health_study.txt": [
 ("indirect", "People who sleep fewer than six hours a night are at higher risk of heart disease", ["a study published Wednesday in the journal Circulation", "a study", "study"]),
 ("direct", "The effect held even after we accounted for diet, smoking and exercise", "Amara Osei"),
 ("indirect", "the study showed a link, not a cause", "Amara Osei"),
 ("indirect", "more work was needed to understand why", "Amara Osei"),
 ("indirect", "the findings were \"consistent with what we see in the clinic", "Felix Grant"),
 ("partial", "consistent with what we see in the clinic.", "Felix Grant"),
],
"09_book_review.txt": [
 ("title", "A Seat at the Table", None),
 ("indirect", "senior officials \"treated diplomacy as a turf war", "Joan Whitaker"),
 ("partial", "treated diplomacy as a turf war.", "Joan Whitaker"),
 ("direct", "It is a work of fiction with footnotes", "Robert Lang"),
 ("indirect", "the account", "Joan Whitaker"),
 ("direct", "Every conversation in the book was written down the same day", "Joan Whitaker"),
 ("title", "The Truth Behind the Talks.", None),
],
"10_protest.txt": [
 ("indirect", "Tens of thousands of people marched through Paris on Saturday against a plan to raise the retirement age", ["police", "Police"]),
 ("title", "Not One Day More", None),
 ("direct", "I have worked on building sites for 38 years. My back cannot take two more", "Michel Durand"),
 ("indirect", "the movement would continue until the plan was withdrawn", "Sophie Laurent"),
 ("indirect", "the government would not back down", "Pierre Vasseur"),
 ("scare", "necessary and fair.", "Pierre Vasseur"),
 ("indirect", "12 people were arrested", ["Police", "police"]),
],
"11_campaign.txt": [
 ("scare", "gut public education.", "Lisa Moreno"),
 ("indirect", "her opponent of wanting to \"gut public education", "Lisa Moreno"),
 ("indirect", "that was false", "Dan Foley"),
 ("direct", "I have never proposed cutting a single dollar from classrooms", "Dan Foley"),
 ("direct", "My opponent knows that.", "Dan Foley"),
 ("indirect", "a voucher program", "Dan Foley"),
 ("direct", "He said vouchers were the future", "Lisa Moreno"),
 ("direct", "Voters can decide what he meant.", "Lisa Moreno"),
 ("indirect", "Moreno's spending plans would require a tax increase", "Dan Foley"),
 ("scare", "won on substance.", ["A spokesman for Foley", "a spokesman for Foley", "spokesman for Foley"]),
 ("indirect", "the governor-in-waiting had \"won on substance", ["A spokesman for Foley", "a spokesman for Foley", "spokesman for Foley"]),
],
"12_earthquake.txt": [
 ("indirect", "A magnitude 5.9 earthquake struck southern Turkey on Sunday, damaging dozens of buildings", ["officials"]),
 ("direct", "There are no reports of deaths so far, but search teams are still checking collapsed homes", "Selim Arslan"),
 ("indirect", "34 people were injured", ["AFAD", "The country's disaster agency", "disaster agency"]),
 ("direct", "Everyone is afraid to go back inside", "Ayse Kaya"),
 ("indirect", "the shaking lasted nearly 20 seconds", "Ayse Kaya"),
],
"13_tech_privacy.txt": [
 ("direct", "People trusted this company with their most sensitive information, and it sold that trust", "Monica Reyes"),
 ("indirect", "wrongdoing", "Stride Labs"),
 ("indirect", "it had \"already changed its practices\" and would delete the data", ["Stride", "Stride Labs"]),
 ("partial", "already changed its practices", ["Stride", "Stride Labs"]),
 ("indirect", "the fine", ["Privacy advocates"]),
 ("indirect", "the penalty was too small to deter larger companies", "Jacob Levin"),
 ("direct", "Twenty-five million dollars is a rounding error for the big platforms", "Jacob Levin"),
],
"14_interview_pronouns.txt": [
 ("indirect", "his retirement", "Gary Martin"),
 ("partial", "the heart of this school.", "Helen Brooks"),
 ("direct", "I told my wife last summer that this would be my last year", "Gary Martin"),
 ("direct", "She did not believe me.", "Gary Martin"),
 ("indirect", "he hoped the school would promote from within", "Gary Martin"),
 ("direct", "The assistants know these kids better than anyone", "Gary Martin"),
 ("indirect", "a search committee would name a new coach by June", "Helen Brooks"),
],
"15_foreign_policy.txt": [
 ("indirect", "his government would not negotiate with rebel leader Yusuf Haddad", "Ahmed Karimi"),
 ("direct", "Haddad is not a partner for peace. He is a warlord", "Ahmed Karimi"),
 ("indirect", "the army would continue operations in the north until the roads were safe", "Ahmed Karimi"),
 ("indirect", "it was ready for talks \"without preconditions", ["Haddad's group", "group"]),
 ("scare", "without preconditions.", ["Haddad's group", "group"]),
 ("indirect", "the government of bombing villages", ["Haddad's group", "group"]),
 ("indirect", "both sides to agree to a ceasefire", ["Western diplomats"]),
],
"16_markets.txt": [
 ("direct", "The market had priced in a pause, and this data makes a pause much harder to justify", "Karen Liu"),
 ("indirect", "investors were \"reading too much into one month", "Michael Torres"),
 ("partial", "reading too much into one month.", "Michael Torres"),
 ("indirect", "the central bank would be \"patient\" before deciding on further increases", "Alan Brooks"),
 ("scare", "patient", "Alan Brooks"),
],
"17_police.txt": [
 ("indirect", "Two men were charged with arson on Thursday in connection with a fire that destroyed a warehouse in the city's east end", ["police"]),
 ("indirect", "investigators found gasoline cans at the scene", "Dana Whitfield"),
 ("direct", "This was not an accident", "Dana Whitfield"),
 ("indirect", "the men owed the warehouse owner more than $40,000", ["court records"]),
 ("indirect", "his client was at home when the fire started", ["A lawyer for one of the men", "Eric Stone"]),
 ("direct", "He has an alibi and witnesses to back it up", "Eric Stone"),
 ("indirect", "he was relieved", "Victor Lane"),
 ("direct", "I just want to rebuild", "Victor Lane"),
],
"18_climate_summit.txt": [
 ("indirect", "wealthy countries triple their funding for climate adaptation", ["Leaders of small island nations"]),
 ("direct", "We are not asking for charity. We are asking for survival", "Tevita Fale"),
 ("indirect", "the group's proposal", "Maria Santos"),
 ("indirect", "rich countries had \"a moral duty and an economic interest\" in meeting it", "Maria Santos"),
 ("partial", "a moral duty and an economic interest", "Maria Santos"),
 ("indirect", "the bloc was willing to increase funding but not to triple it", ["A European Union negotiator", "negotiator"]),
 ("direct", "Tripling is not realistic in the current budget climate", ["A European Union negotiator", "the negotiator", "negotiator"]),
],
"19_fresh_rally.txt": [
 ("indirect", "he would \"bring the factories home", "Roy Hensley"),
 ("partial", "bring the factories home.", "Roy Hensley"),
 ("indirect", "his Democratic rival, Sen. Nadia Park", "Roy Hensley"),
 ("direct", "She has been in Washington for 24 years, and what has she done for you?", "Roy Hensley"),
 ("title", "Lock the Doors.", None),
 ("indirect", "the speech", ["Park's campaign", "campaign"]),
 ("direct", "Roy Hensley has no plan for Michigan, just slogans", "Leo Grant"),
 ("indirect", "he would renegotiate trade deals with Mexico and Canada within his first 100 days", "Roy Hensley"),
 ("indirect", "they were undecided", ["Several voters", "voters"]),
 ("direct", "I like what he says about jobs, but I don't like how he says it", "Marcy Webb"),
],
"20_fresh_hearing.txt": [
 ("direct", "People waited four days for water. Four days", "Alicia Moreau"),
 ("direct", "How is that acceptable?", "Alicia Moreau"),
 ("indirect", "supply trucks had been delayed by flooded roads", "Craig Dunning"),
 ("direct", "We did not get it right in the first 72 hours, and I take responsibility for that", "Craig Dunning"),
 ("indirect", ("defended ", "the agency"), "Tom Bryce"),
 ("indirect", "the storm was \"unprecedented\" and that local officials had also been slow to ask for help", "Tom Bryce"),
 ("scare", "unprecedented", "Tom Bryce"),
 ("indirect", "the agency would review its stockpiles before the next hurricane season", "Craig Dunning"),
],
"21_fresh_transcript.txt": [
 ("direct", "Are you worried about a recession next year?", None),
 ("direct", "I am watching the data closely. Right now the labor market is strong, and consumers are still spending.", "Janet Osmond"),
 ("direct", "The president has said tariffs will not raise prices. Do you agree?", None),
 ("direct", "Some prices will go up in the short term. I have never hidden that.", "Janet Osmond"),
],
"22_fresh_company.txt": [
 ("indirect", "Halvard Motors is recalling about 400,000 sport utility vehicles because a faulty seat belt sensor may fail to warn drivers", ["the company"]),
 ("indirect", "it was not aware of any crashes or injuries linked to the problem", ["The company", "Halvard Motors"]),
 ("indirect", "Dealers will replace the sensor for free", ["a filing with federal regulators", "a filing"]),
 ("direct", "Safety is not negotiable for us", "Marta Lind"),
 ("indirect", "owners would be notified by mail starting next month", "Marta Lind"),
 ("indirect", "it came too late", ["Consumer groups"]),
 ("indirect", "the recall", ["Consumer groups"]),
 ("indirect", "his group had reported the problem to the company a year ago", "Sam Ortiz"),
 ("direct", "They knew, and they waited", "Sam Ortiz"),
],
"23_fresh_pronoun_topic.txt": [
 ("indirect", "her challenger's transit plan would raise property taxes by 8 percent", "Grace Whitfield"),
 ("indirect", "she respected him", "Grace Whitfield"),
 ("direct", "Ben Ortega is a decent man, but his numbers do not add up", "Grace Whitfield"),
 ("scare", "invented.", "Ben Ortega"),
 ("indirect", "the plan would be paid for by federal grants", "Ben Ortega"),
 ("direct", "The mayor should read the plan before attacking it", "Ben Ortega"),
],
"24_fresh_scare_titles.txt": [
 ("title", "River of Silence", None),
 ("scare", "slow disaster.", ["its critics", "critics"]),
 ("indirect", "she spent three years interviewing families who lost land when the valley was flooded", "Ines Caro"),
 ("direct", "Nobody asked them. Nobody even sent a letter", "Ines Caro"),
 ("indirect", "the film was \"one-sided\" and ignored the dam's role in flood control", ["The state water authority", "state water authority"]),
 ("scare", "one-sided", ["The state water authority", "state water authority"]),
 ("title", "Let the River Speak,", None),
 ("indirect", "the governor had not seen it", ["A spokeswoman for Holm", "spokeswoman for Holm"]),
],
}
out = {"_about": ("Hand-written test articles (written by the newsline quotes helper for this set; not third-party text) "
                  "and their gold attributions, checked by hand. kind: direct (a whole quoted utterance), partial (quoted words "
                  "inside the writer's sentence), indirect (reported speech or stance without quote marks; text is the content), "
                  "scare (a quoted term of 1-3 words), title (a title or slogan in quote marks: not a quote). speaker: the canonical "
                  "name, a list of accepted wordings for an unnamed source, or null when the text names no one (a transcript's Q)."),
       "articles": {}}
for name, items in G.items():
    body = (D / "articles" / name).read_text(encoding="utf-8")
    rows = []
    for kind, text, speaker in items:
        anchor = ""
        if isinstance(text, tuple):              # (words right before it, the text): an ambiguous text
            anchor, text = text
        assert body.count(anchor + text) == 1, (name, anchor, text)
        start = body.index(anchor + text) + len(anchor)
        rows.append({"kind": kind, "start": start, "end": start + len(text), "text": text,
                     "speaker": speaker if isinstance(speaker, list) or speaker is None else [speaker]})
    out["articles"][name] = rows
(D / "gold.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(sum(len(v) for v in out["articles"].values()), "gold items")
