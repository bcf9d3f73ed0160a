package demo

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
)

// The demo children. Every name, place and story here is made up. What a
// child or parent reads (the child-friendly plan, outcomes, replies) is
// written in short, plain and kind words.

// jamie is child.demo: 12 years old today, in care for about 14 months, with
// three held reviews, one a few weeks ahead, a care plan in its second
// version, a draft for his next review and an answered submission.
func (s *seeder) jamie(ctx context.Context, la *ent.LocalAuthority) error {
	d := s.dates.jamie
	child, err := s.addChild(ctx, la, person{
		preferred: "Jamie", pronouns: "he/him", legalName: "James Robinson",
		born: s.today.AddYears(-12), status: domain.InCare,
		lookedAfter: d.lookedAfter, account: "child.demo", team: s.careTeam(d.lookedAfter),
	})
	if err != nil {
		return err
	}
	first, last := d.reviews.held[0].on, d.reviews.held[len(d.reviews.held)-1].on
	// Jamie's reviews are at his foster home, whose address his family does
	// not have.
	held, next, err := s.carePlan(ctx, child, d, meeting{chair: "iro.demo", venue: "Jamie's foster home",
		withheldBecause: "The review is at Jamie's foster home, whose address his family does not have."},
		jamieReviews, jamiePlanV1(s.workingDaysAfter(d.lookedAfter, 8), first), jamiePlanV2(s.workingDaysAfter(last, 1), s.today))
	if err != nil {
		return err
	}
	lastHeld, heldOn := held[len(held)-1], d.reviews.held[len(held)-1].on
	if len(held) > 1 {
		if err := s.jamieAlert(ctx, child, held[len(held)-2], d.reviews.held[len(held)-2].on); err != nil {
			return err
		}
	}
	err = s.addSubmission(ctx, child, submission{
		form: forms.ChildOlderKey, meeting: lastHeld,
		answers: answers(
			"overall", "4",
			"home", "I like living with Sue and Martin. I have my own room now and I like it.",
			"school", "School is OK. I like PE and football club. Lunchtimes are too loud.",
			"family_friends", "I want to see my mum more and I want to choose when.",
			"going_well", "Football. I scored in our last match.",
			"worries", "Sometimes I feel sad after I see mum.",
			"want_to_happen", "I want to stay where I am and see my sister Lily more.",
			"who_at_meeting", "Sue, Sam and Ms Green from school.",
			"meeting_place", "where_i_live",
			"come_to_meeting", "part",
			"talk_alone", "yes",
			"advocate", "tell_me_more",
		),
		share: domain.ChairAndSocialWorker, helpedBy: domain.HelpedByCarer,
		status:  domain.Responded,
		started: at(heldOn.AddDays(-6), 18),
		sent:    at(heldOn.AddDays(-5), 19),
		key:     "demo-jamie-review-views",
		readBy:  "iro.demo", readAt: at(heldOn.AddDays(-4), 9),
		reply: "Thank you for telling me all of this, Jamie. It really helps. I will talk with you and Sam " +
			"about family time at your review, so you get more say. And well done on your goal!",
		repliedAt: at(heldOn.AddDays(-4), 11),
	})
	if err != nil {
		return err
	}
	return s.addSubmission(ctx, child, submission{
		form: forms.ChildOlderKey, meeting: next,
		answers: answers(
			"overall", "4",
			"going_well", "I got picked for the school football team!",
			"who_at_meeting", "Sue and Sam",
		),
		share: domain.ChairOnly, helpedBy: domain.HelpedByNobody,
		status: domain.Draft, started: at(s.today.AddDays(-1), 19),
	})
}

// jamieReviews is what was recorded at Jamie's first, second and third
// reviews.
var jamieReviews = []meeting{
	{
		attendees:     []string{"Sue Brown (foster carer)", "Sam Patel (social worker)", "Priya Shah (IRO)"},
		childAttended: no, code: domain.PN6,
		outcome: "This was Jamie's first review. Everyone agreed that Jamie will stay with Sue and Martin " +
			"while his plan is made. Sam will find Jamie a school place and set up time with his family.",
	},
	{
		attendees:     []string{"Jamie", "Sue Brown (foster carer)", "Sam Patel (social worker)", "Priya Shah (IRO)"},
		childAttended: yes, code: domain.PN1,
		outcome: "Jamie is settling in well and has started at Oakfield Academy. " +
			"He will keep seeing his mum and his sister every two weeks.",
	},
	{
		attendees: []string{"Jamie", "Sue Brown (foster carer)", "Sam Patel (social worker)",
			"Priya Shah (IRO)", "Ms Green (designated teacher)"},
		childAttended: yes, code: domain.PN1,
		outcome: "Thank you for coming, Jamie, and for telling us what you think. We agreed that you will " +
			"stay with Sue and Martin, that you will have more say about family time, and that school will " +
			"find someone you can talk to about worries. Your next review is in about six months.",
	},
}

// jamiePlanV1 is Jamie's first care plan, made soon after he came into care;
// its actions were all done by his first review.
func jamiePlanV1(published, firstReview civil.Date) version {
	return version{
		formal: wording{
			worries: "Jamie became looked after following concerns about neglect at home. " +
				"His school attendance had been low and he needs support to settle in his foster placement.",
			goingWell: "Jamie has settled quickly with his foster carers and has a warm relationship with them.",
			needsToChange: "Jamie needs a stable school place, regular family time with his mother and sister, " +
				"and an initial health assessment.",
		},
		forChild: wording{
			worries: "We want you to feel settled and safe in your new home, and to get back into school.",
			goingWell: "You have made a good start with Sue and Martin, and you and their dog Biscuit " +
				"are already friends.",
			needsToChange: "We will help you start at a new school, see your mum and your sister often, " +
				"and have a check-up with a doctor.",
		},
		published: at(published, 15), by: "sw.demo",
		actions: []action{
			{what: "Complete Jamie's initial health assessment.", forChild: "Have a check-up with a doctor.",
				who: "Sam Patel (social worker)", by: firstReview, status: domain.ActionDone},
			{what: "Secure a school place at Oakfield Academy.", forChild: "Start at your new school.",
				who: "Sam Patel (social worker)", by: firstReview, status: domain.ActionDone},
			{what: "Arrange fortnightly family time with Jamie's mother and sister.",
				forChild: "See your mum and your sister every two weeks.",
				who:      "Sam Patel (social worker)", by: firstReview, status: domain.ActionDone},
		},
	}
}

// jamiePlanV2 is the care plan published after Jamie's last review: the
// current version.
func jamiePlanV2(published, today civil.Date) version {
	return version{
		formal: wording{
			worries: "Jamie can find it hard to manage his feelings after family time. " +
				"School report that he can become anxious in large groups.",
			goingWell: "Jamie is settled in his placement and attends school every day. " +
				"He has joined the school football club.",
			needsToChange: "Jamie would like more say in when family time happens. He needs support with " +
				"anxiety through the school wellbeing service, and should be offered an independent advocate.",
		},
		forChild: wording{
			worries:   "Sometimes you feel upset after seeing your family, and busy places at school can feel like a lot.",
			goingWell: "You are doing really well. You go to school every day and you have joined the football club.",
			needsToChange: "You told us you want more say about family time, so we will plan it with you. " +
				"School will find someone you can talk to about worries, and you can have an advocate if you want one.",
		},
		published: at(published, 15), by: "sw.demo",
		actions: []action{
			{what: "Review family time with Jamie and agree a new timetable with him.",
				forChild: "Sit down with you and plan when you see your family.",
				who:      "Sam Patel (social worker)", by: today.AddDays(14), status: domain.ActionInProgress},
			{what: "Refer Jamie to the school wellbeing service.",
				forChild: "Ask school to find someone you can talk to about worries.",
				who:      "Ms Green (designated teacher)", by: today.AddDays(-30), status: domain.ActionDone},
			{what: "Offer Jamie an independent advocate.",
				forChild: "Tell you about advocates, so you can choose if you want one.",
				who:      "Priya Shah (IRO)", by: today.AddDays(28), status: domain.ActionNotStarted},
			{what: "Arrange Jamie's annual health assessment.",
				forChild: "Book your yearly check-up with the doctor.",
				who:      "Sue and Martin Brown (foster carers)", by: today.AddDays(42), status: domain.ActionNotStarted},
		},
	}
}

// ava is child2.demo: 9 years old, on a child protection plan for neglect,
// living at home with her mum (parent.demo). One action of her plan is
// overdue; two are her mum's to mark done. She has sent two things for her
// review conference: one for the chair only, one for everyone at the
// meeting; her mum has sent her views too.
func (s *seeder) ava(ctx context.Context, la *ent.LocalAuthority) error {
	d := s.dates.ava
	child, err := s.addChild(ctx, la, person{
		preferred: "Ava", pronouns: "she/her", legalName: "Ava-Rose Clarke",
		born: s.today.AddYears(-9).AddMonths(-4), status: domain.CPPlan, account: "child2.demo",
		team: s.cpTeam(d.strategy),
	})
	if err != nil {
		return err
	}
	// Her mum, with parental responsibility.
	err = s.tx.FamilyLink.Create().SetAuthorityID(la.ID).SetChildID(child.ID).SetParentID(s.users["parent.demo"].ID).
		SetRelationship("mother").SetParentalResponsibility(true).SetMayViewCarePlan(false).SetActive(true).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("demo: link parent.demo to Ava: %w", err)
	}
	review, err := s.cpPlan(ctx, child, d, domain.Neglect, avaMeetings, avaPlan(d.initial.on, s.today))
	if err != nil {
		return err
	}
	// Her mum's views for the review conference: she would like to bring
	// someone with her, which the chair sees among the meeting's attendee
	// needs.
	err = s.addParentViews(ctx, child, parentViews{
		parent: "parent.demo", meeting: review,
		answers: answers(
			"going_well", "Ava loves breakfast club and she is at school every day now.",
			"worries", "Money runs out at the end of the month.",
			"help_needed", "Help filling in the dentist's forms.",
			"can_attend", "yes",
			"interpreter", "no",
			"supporter", "yes",
			"attend_help", "talk_before",
			"anything_else", "I would like my mum to come with me.",
		),
		sent: at(s.today.AddDays(-2), 19), key: "demo-kerry-review",
	})
	if err != nil {
		return err
	}
	err = s.addSubmission(ctx, child, submission{
		form: forms.ChildYoungerKey, meeting: review,
		answers: answers(
			"feel_home", "3",
			"feel_school", "4",
			"feel_most_days", "3",
			"going_well", "Breakfast club. I have toast and I sit with Maisie.",
			"worries", "I don't like it when Mum is sad.",
			"wish", "A puppy",
			"talk_alone", "yes",
		),
		share: domain.ChairOnly, helpedBy: domain.HelpedByNobody, status: domain.Submitted,
		started: at(s.today.AddDays(-3), 16), sent: at(s.today.AddDays(-3), 17),
		key: "demo-ava-chair-only",
	})
	if err != nil {
		return err
	}
	return s.addSubmission(ctx, child, submission{
		form: forms.ChildYoungerKey, meeting: review,
		answers: answers(
			"feel_home", "4",
			"going_well", "When Nana comes and we bake cakes.",
			"family_friends", "I want to see Nana more.",
			"wish", "For everyone in my family to be happy.",
			"come_to_meeting", "yes",
			"advocate", "not_sure",
		),
		share: domain.EveryoneAtMeeting, helpedBy: domain.HelpedByAdvocate, status: domain.Submitted,
		started: at(s.today.AddDays(-1), 15), sent: at(s.today.AddDays(-1), 16),
		key: "demo-ava-everyone",
	})
}

// avaMeetings is what was recorded at Ava's conferences and core groups.
var avaMeetings = cpNotes{
	venue: "Demo Borough Civic Centre, Room 4",
	// Ava's mum is in the core group, so she sees where it meets.
	coreGroupVenue: "Oakfield Primary School, meeting room",
	initial: meeting{
		attendees: []string{"Kerry Clarke (mum)", "Sam Patel (social worker)", "Daniel Okafor (CP chair)",
			"Mrs Ali (Oakfield Primary School)", "School nurse"},
		childAttended: no,
		outcome: "The conference agreed that Ava needs a child protection plan. Everyone will work together " +
			"so that Ava has regular meals, gets to school every day, and always has a grown-up with her. " +
			"The core group will meet in the next two weeks to start the plan.",
	},
	coreGroup: meeting{
		attendees:     []string{"Kerry Clarke (mum)", "Sam Patel (social worker)", "Mrs Ali (Oakfield Primary School)"},
		childAttended: no,
		outcome:       "The core group checked how the plan is going. Breakfast club has started and Ava is enjoying it.",
	},
}

// avaPlan is Ava's child protection plan, agreed at her initial conference.
// Its dentist action is overdue.
func avaPlan(initial, today civil.Date) version {
	return version{
		formal: wording{
			worries: "Ava has often arrived at school hungry and in unwashed clothes, and her attendance is 82%. " +
				"On several evenings Ava has been left at home without an adult.",
			goingWell: "Ava has a warm and loving relationship with her mother. Ms Clarke has worked with the " +
				"social worker and accepted a referral to the family support service. Ava's grandmother helps at weekends.",
			needsToChange: "Ava needs regular meals, clean clothes and an adult with her at all times. " +
				"Her school attendance needs to rise above 95%, and her dental and health needs must be met.",
		},
		forChild: wording{
			worries: "We are worried that sometimes there has not been enough food at home, and that you have " +
				"been on your own in the evening when a grown-up should be with you.",
			goingWell: "You and your mum love each other very much. Mum is working with Sam, and Nana helps at weekends.",
			needsToChange: "The grown-ups will make sure you have food, clean clothes and someone with you at home. " +
				"We will help you get to school every day and see a dentist.",
		},
		published: at(initial, 17), by: "chair.demo",
		actions: []action{
			{what: "Register Ava with a dentist and take her to a check-up.",
				forChild: "Take you to see a dentist.",
				who:      "Kerry Clarke (mum), with help from Sam Patel", by: today.AddDays(-7), status: domain.ActionInProgress,
				parent: "parent.demo"},
			{what: "Arrange for Ava to attend breakfast club every school day.",
				forChild: "You can go to breakfast club at school every day.",
				who:      "Oakfield Primary School", by: initial.AddDays(14), status: domain.ActionDone},
			{what: "Family support worker to visit weekly to help with routines and meals.",
				forChild: "A helper will visit every week to help with meals and bedtime.",
				who:      "Family support service", by: today.AddDays(56), status: domain.ActionInProgress},
			{what: "Agree a safety plan so that an adult is always with Ava in the evenings.",
				forChild: "Make a plan so a grown-up is always with you in the evening.",
				who:      "Kerry Clarke (mum) and Ava's grandmother", by: today.AddDays(21), status: domain.ActionNotStarted,
				parent: "parent.demo"},
		},
	}
}

// leo is a 6-year-old in care with no account of his own: young children
// often have none.
func (s *seeder) leo(ctx context.Context, la *ent.LocalAuthority) error {
	d := s.dates.leo
	child, err := s.addChild(ctx, la, person{
		preferred: "Leo", pronouns: "he/him", legalName: "Leo Thompson",
		born: s.today.AddYears(-6).AddMonths(-2), status: domain.InCare, lookedAfter: d.lookedAfter,
		team: s.careTeam(d.lookedAfter),
	})
	if err != nil {
		return err
	}
	_, _, err = s.carePlan(ctx, child, d, meeting{chair: "iro.demo", venue: "Leo's school, small meeting room"}, []meeting{
		{attendees: []string{"Leo", "Jo Martin (foster carer)", "Sam Patel (social worker)", "Priya Shah (IRO)"},
			childAttended: yes, code: domain.PN3,
			outcome: "Leo will stay with Jo while his dad gets better. Leo showed us his drawings of his family."},
		{attendees: []string{"Jo Martin (foster carer)", "Sam Patel (social worker)", "Priya Shah (IRO)", "Mr Thompson (father)"},
			childAttended: no, code: domain.PN6,
			outcome: "Leo is doing well at school. Jo shared Leo's pictures and what he told her he wants."},
	}, version{
		formal: wording{
			worries:       "Leo came into care after his father became unwell and could not look after him.",
			goingWell:     "Leo is happy at his foster home and enjoys school. He sees his father twice a week.",
			needsToChange: "Leo needs a long-term plan for where he will live, and help with his speech.",
		},
		forChild: wording{
			worries:       "Your dad is poorly, so right now he cannot look after you at home.",
			goingWell:     "You are happy with Jo, you like school, and you see your dad twice a week.",
			needsToChange: "We will work out where you will live for a long time, and help you with your talking.",
		},
		published: at(s.workingDaysAfter(d.lookedAfter, 8), 15), by: "sw.demo",
		actions: []action{
			{what: "Refer Leo to speech and language therapy.", forChild: "Find someone to help you with talking.",
				who: "Sam Patel (social worker)", by: s.today.AddDays(21), status: domain.ActionInProgress},
		},
	})
	return err
}

// mia is 14, in care and on a child protection plan at the same time (BOTH),
// with no account.
func (s *seeder) mia(ctx context.Context, la *ent.LocalAuthority) error {
	care, cp := s.dates.miaCIC, s.dates.miaCP
	child, err := s.addChild(ctx, la, person{
		preferred: "Mia", pronouns: "she/her", legalName: "Mia Hughes",
		born: s.today.AddYears(-14).AddMonths(-7), status: domain.Both, lookedAfter: care.lookedAfter,
		team: append(s.cpTeam(cp.strategy), member{domain.AllocIRO, "iro.demo", s.workingDaysAfter(care.lookedAfter, 2)}),
	})
	if err != nil {
		return err
	}
	_, err = s.cpPlan(ctx, child, cp, domain.Emotional, miaMeetings, version{
		formal: wording{
			worries:       "Mia has been exposed to frequent and serious arguments between adults in the household.",
			goingWell:     "Mia is doing well at school and has a trusted friendship group.",
			needsToChange: "Mia needs to be safe from the conflict at home and to have contact with her father planned safely.",
		},
		forChild: wording{
			worries:       "There has been a lot of shouting and fighting at home, and that is not OK for you.",
			goingWell:     "You are doing well at school, and you have good friends.",
			needsToChange: "You need to feel safe, and time with your dad needs to be planned so it feels safe too.",
		},
		published: at(cp.initial.on, 17), by: "chair.demo",
		actions: []action{
			{what: "Arrange supervised contact between Mia and her father.",
				forChild: "Plan your time with your dad, with someone there to help.",
				who:      "Sam Patel (social worker)", by: s.today.AddDays(30), status: domain.ActionInProgress},
		},
	})
	if err != nil {
		return err
	}
	_, _, err = s.carePlan(ctx, child, care, meeting{chair: "iro.demo", venue: "Mia's aunt's home",
		withheldBecause: "The review is at Mia's aunt's home; her parents do not have the address."}, []meeting{
		{attendees: []string{"Mia", "Mia's advocate", "Aunt (connected carer)", "Sam Patel (social worker)", "Priya Shah (IRO)"},
			childAttended: yes, code: domain.PN2,
			outcome: "Mia will stay with her aunt for now. Mia's advocate told the meeting what Mia wants, and we listened."},
	}, version{
		formal: wording{
			worries:       "Mia became looked after at her request when the conflict at home continued.",
			goingWell:     "Mia has settled with her aunt, a connected carer, and still goes to the same school.",
			needsToChange: "A plan is needed for Mia's long-term care, with her views at the centre of it.",
		},
		forChild: wording{
			worries:       "You asked to live somewhere else for now, because things at home were still hard.",
			goingWell:     "You have settled in with your aunt, and you still go to the same school.",
			needsToChange: "We will make a plan for the future with you, and what you want will be at the heart of it.",
		},
		published: at(s.workingDaysAfter(care.lookedAfter, 8), 15), by: "sw.demo",
		actions: []action{
			{what: "Offer Mia an independent advocate.", forChild: "Tell you about advocates, so you can choose.",
				who: "Priya Shah (IRO)", by: s.today.AddDays(10), status: domain.ActionNotStarted},
		},
	})
	return err
}

// miaMeetings is what was recorded at Mia's conferences and core groups.
var miaMeetings = cpNotes{
	venue:          "Demo Borough Civic Centre, Room 2",
	coreGroupVenue: "Online",
	initial: meeting{
		attendees:     []string{"Mia", "Ms Hughes (mum)", "Sam Patel (social worker)", "Daniel Okafor (CP chair)", "Head of year"},
		childAttended: yes,
		outcome:       "Mia will have a child protection plan, so that she is safe from the arguments at home.",
	},
	review: meeting{
		attendees:     []string{"Mia", "Ms Hughes (mum)", "Sam Patel (social worker)", "Daniel Okafor (CP chair)"},
		childAttended: yes,
		outcome:       "The plan will carry on for now. Mia said she feels safer, and we agreed to check again in six months.",
	},
	coreGroup: meeting{
		attendees:     []string{"Ms Hughes (mum)", "Sam Patel (social worker)", "Head of year"},
		childAttended: no,
		outcome:       "The core group checked the plan. Things are calmer, and the work goes on.",
	},
}

// baby is an unborn baby on a pre-birth child protection plan: no date of
// birth yet, only an expected one, and never an account.
func (s *seeder) baby(ctx context.Context, la *ent.LocalAuthority) error {
	d := s.dates.baby
	child, err := s.addChild(ctx, la, person{
		preferred: "Baby Taylor", legalName: "Unborn baby of Chloe Taylor",
		expected: s.today.AddDays(70), status: domain.CPPlan, team: s.cpTeam(d.strategy),
	})
	if err != nil {
		return err
	}
	_, err = s.cpPlan(ctx, child, d, domain.Neglect, babyMeetings, version{
		formal: wording{
			worries:       "There are concerns about whether the baby's needs will be met after birth, given past alcohol misuse.",
			goingWell:     "Ms Taylor is attending antenatal appointments and has started work with the alcohol service.",
			needsToChange: "Ms Taylor needs to stay engaged with the alcohol service, and a plan must be in place before the birth.",
		},
		forChild: wording{
			worries:       "We want to be sure the baby will be safe and well looked after once they are born.",
			goingWell:     "Chloe is going to all her baby check-ups and is getting help.",
			needsToChange: "Chloe will keep getting help, and everyone will agree a plan before the baby arrives.",
		},
		published: at(d.initial.on, 17), by: "chair.demo",
		actions: []action{
			{what: "Agree a birth plan with the hospital and midwife.", forChild: "Make a plan for when the baby is born.",
				who: "Sam Patel (social worker) and the midwife", by: s.today.AddDays(35), status: domain.ActionInProgress},
		},
	})
	return err
}

// babyMeetings is what was recorded at the unborn baby's conference and core
// groups.
var babyMeetings = cpNotes{
	venue:          "Demo Borough Civic Centre, Room 4",
	coreGroupVenue: "Demo Borough Family Centre",
	initial: meeting{
		attendees: []string{"Chloe Taylor (mother)", "Sam Patel (social worker)", "Daniel Okafor (CP chair)", "Community midwife"},
		outcome:   "The conference agreed a child protection plan for the baby before birth, to make sure the baby will be safe.",
	},
	coreGroup: meeting{
		attendees: []string{"Chloe Taylor (mother)", "Sam Patel (social worker)", "Community midwife"},
		outcome:   "The core group checked the plan. Chloe is keeping her appointments.",
	},
}

// noah is child.other in Other Shire: 15, in care for two months, with one
// held review, one to come, and a submission for it.
func (s *seeder) noah(ctx context.Context, la *ent.LocalAuthority) error {
	d := s.dates.noah
	child, err := s.addChild(ctx, la, person{
		preferred: "Noah", pronouns: "he/him", legalName: "Noah Williams",
		born: s.today.AddYears(-15).AddMonths(-5), status: domain.InCare,
		lookedAfter: d.lookedAfter, account: "child.other", team: []member{{domain.AllocIRO, "iro.other", d.lookedAfter}},
	})
	if err != nil {
		return err
	}
	_, next, err := s.carePlan(ctx, child, d, meeting{chair: "iro.other", venue: "Online"}, []meeting{
		{attendees: []string{"Noah", "Foster carer", "Ruth Adeyemi (IRO)"},
			childAttended: yes, code: domain.PN1,
			outcome: "Noah will stay where he is. We agreed to help him plan for college."},
	}, version{
		formal: wording{
			worries:       "Noah came into care after his relationship with his stepfather broke down.",
			goingWell:     "Noah is settled in his placement and is keen to do well in his GCSEs.",
			needsToChange: "Noah needs support to rebuild his relationship with his mother, and help planning for college.",
		},
		forChild: wording{
			worries:       "Things got very hard at home with your stepdad, so you are living somewhere else for now.",
			goingWell:     "You have settled in well and you are working hard for your GCSEs.",
			needsToChange: "We will help you and your mum get on better, and help you plan for college.",
		},
		published: at(s.workingDaysAfter(d.lookedAfter, 8), 15), by: "iro.other",
		actions: []action{
			{what: "Arrange a careers appointment for Noah.", forChild: "Book a chat with a careers adviser about college.",
				who: "Ruth Adeyemi (IRO)", by: s.today.AddDays(30), status: domain.ActionNotStarted},
		},
	})
	if err != nil {
		return err
	}
	return s.addSubmission(ctx, child, submission{
		form: forms.ChildOlderKey, meeting: next,
		answers: answers(
			"overall", "3",
			"school", "Revising a lot. Maths is hard but I'm getting there.",
			"want_to_happen", "I want to go to college to do engineering.",
			"come_to_meeting", "all",
			"talk_alone", "no",
		),
		share: domain.ChairOnly, helpedBy: domain.HelpedByNobody, status: domain.Submitted,
		started: at(s.today.AddDays(-2), 20), sent: at(s.today.AddDays(-2), 21),
		key: "demo-noah-views",
	})
}

// careTeam is the team of a Demo Borough child in care from a day on: the
// social worker from that day, the IRO two working days later.
func (s *seeder) careTeam(lookedAfter civil.Date) []member {
	return []member{
		{domain.AllocSocialWorker, "sw.demo", lookedAfter},
		{domain.AllocIRO, "iro.demo", s.workingDaysAfter(lookedAfter, 2)},
	}
}

// cpTeam is the team of a Demo Borough child protection case: the social
// worker from the strategy discussion, the CP chair three working days
// later.
func (s *seeder) cpTeam(strategy civil.Date) []member {
	return []member{
		{domain.AllocSocialWorker, "sw.demo", strategy},
		{domain.AllocCPChair, "chair.demo", s.workingDaysAfter(strategy, 3)},
	}
}

// carePlan adds a child's care plan from the day they became looked after,
// its versions published in order, and their reviews: held ones with what
// notes recorded, and the next one booked, all with base's chair and venue.
// It returns the held reviews, oldest first, and the next.
func (s *seeder) carePlan(ctx context.Context, c *ent.Child, d careDates, base meeting, notes []meeting, versions ...version) ([]*ent.Meeting, *ent.Meeting, error) {
	plan, err := s.addPlan(ctx, c, planStart{kind: domain.CarePlan, starts: d.lookedAfter}, versions...)
	if err != nil {
		return nil, nil, err
	}
	base.kind, base.plan = domain.CICReview, plan
	return s.addSeries(ctx, c, base, d.reviews, notes)
}

// cpPlan adds a child protection plan of a category, from the day of the
// initial conference, with its one version v and its meetings
// (cpMeetings). It returns the next review conference.
func (s *seeder) cpPlan(ctx context.Context, c *ent.Child, d cpDates, category domain.AbuseCategory, notes cpNotes, v version) (*ent.Meeting, error) {
	plan, err := s.addPlan(ctx, c, planStart{kind: domain.ChildProtectionPlan, starts: d.initial.on,
		category: category, strategy: d.strategy}, v)
	if err != nil {
		return nil, err
	}
	return s.cpMeetings(ctx, c, plan, d, notes)
}

// addSeries adds the meetings of one clock: each held one with base's
// details and what notes recorded for it (the last note again for any
// beyond), and the next one booked. It returns the held meetings, oldest
// first, and the next.
func (s *seeder) addSeries(ctx context.Context, c *ent.Child, base meeting, sr series, notes []meeting) ([]*ent.Meeting, *ent.Meeting, error) {
	var held []*ent.Meeting
	for i, when := range sr.held {
		m := recorded(base, notes[min(i, len(notes)-1)])
		m.when, m.held = when, true
		saved, err := s.addMeeting(ctx, c, m)
		if err != nil {
			return nil, nil, err
		}
		held = append(held, saved)
	}
	base.when = sr.next
	next, err := s.addMeeting(ctx, c, base)
	return held, next, err
}

// recorded is base with what the chair recorded at a held meeting.
func recorded(base, note meeting) meeting {
	base.attendees = note.attendees
	base.childAttended = note.childAttended
	base.code = note.code
	base.outcome = note.outcome
	return base
}

// cpNotes is where a child protection episode's meetings take place, and
// what was recorded at each kind.
type cpNotes struct {
	venue                      string // conferences
	coreGroupVenue             string
	initial, review, coreGroup meeting
}

// cpMeetings adds a child protection episode's meetings: the held initial
// conference, the review conferences and the core groups. The CP chair
// chairs conferences; the social worker leads core groups, as the lead
// professional does. It returns the next review conference.
func (s *seeder) cpMeetings(ctx context.Context, c *ent.Child, plan *ent.Plan, d cpDates, notes cpNotes) (*ent.Meeting, error) {
	conference := meeting{kind: domain.InitialCPConference, plan: plan, chair: "chair.demo", venue: notes.venue}
	initial := recorded(conference, notes.initial)
	initial.when, initial.held = d.initial, true
	if _, err := s.addMeeting(ctx, c, initial); err != nil {
		return nil, err
	}
	conference.kind = domain.ReviewCPConference
	_, next, err := s.addSeries(ctx, c, conference, d.reviews, []meeting{notes.review})
	if err != nil {
		return nil, err
	}
	coreGroup := meeting{kind: domain.CoreGroup, plan: plan, chair: "sw.demo", venue: notes.coreGroupVenue}
	if _, _, err := s.addSeries(ctx, c, coreGroup, d.coreGroups, []meeting{notes.coreGroup}); err != nil {
		return nil, err
	}
	return next, nil
}

// jamieAlert: after his second-last review Jamie's IRO raised an informal
// alert about his care plan, escalated it to the team manager when the
// social worker's response did not come in time, and resolved it: an alert
// that went through a stage of the dispute-resolution process, so the
// figures by stage have something to count.
func (s *seeder) jamieAlert(ctx context.Context, c *ent.Child, review *ent.Meeting, heldOn civil.Date) error {
	iro := s.users["iro.demo"]
	raised := heldOn.AddDays(2)
	informalDue := s.workingDaysAfter(raised, domain.DefaultAlertStageWorkingDays[domain.StageInformal])
	escalated := informalDue.AddDays(1)
	managerDue := s.workingDaysAfter(escalated, domain.DefaultAlertStageWorkingDays[domain.StageTeamManager])
	resolved := s.workingDaysAfter(escalated, 3)
	err := s.tx.Alert.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetRaisedByID(iro.ID).
		SetRaisedByRole(domain.RoleIRO).SetMeetingID(review.ID).SetLevel(domain.FormalEscalation).
		SetStage(domain.StageTeamManager).SetReason(domain.CarePlanning).
		SetDetails("The plan for Jamie's family time agreed at the review has not been written into his care plan.").
		SetAddressedTo(domain.RoleManager).SetRaisedAt(at(raised, 10)).SetResponseDueBy(managerDue).
		SetStageHistory([]domain.AlertStageStep{
			{Stage: domain.StageInformal, ReachedAt: at(raised, 10), RespondBy: informalDue},
			{Stage: domain.StageTeamManager, ReachedAt: at(escalated, 9), RespondBy: managerDue, EscalatedByID: iro.ID,
				EscalatedByName: iro.DisplayName, Reason: "No response from the social worker within 10 working days."},
		}).
		SetStatus(domain.AlertResolved).SetResolution("The team manager agreed the family time plan and the care plan was updated.").
		SetResolvedAt(at(resolved, 15)).SetCreatedAt(at(raised, 10)).SetUpdatedAt(at(resolved, 15)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("demo: add alert: %w", err)
	}
	return nil
}
