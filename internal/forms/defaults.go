package forms

// Keys of the default templates.
const (
	// ChildUnder8Key is the form for the youngest children, 4 to 7: faces
	// and pictures to tap, few words.
	ChildUnder8Key = "child-under-8"
	// ChildYoungerKey is the form for younger children, 8 to 10 (version 1
	// was for 4 to 10, before the under-8 form).
	ChildYoungerKey = "child-younger"
	// ChildOlderKey is the form for young people aged 11 and over, including
	// care leavers up to 25.
	ChildOlderKey = "child-older"
	// ParentKey is the form a parent fills in before a conference or review.
	ParentKey = "parent"
)

// Length limits of the default text questions.
const (
	shortText = 500
	longText  = 2000
)

// Defaults returns the forms Kite starts with, every version of each: a
// stored version never changes, and answers are checked against the version
// they answered, so old versions stay. Each call returns a fresh copy, so
// callers may change it.
//
// Hardly anything is required. A child must be able to send just one thing,
// whichever it is, and a child who only wants to say "I need to talk to
// someone today" must never be held up by a question, so no child question is
// required. The parent form requires only whether they can come, which the
// chair needs to plan the meeting and which takes one tap to answer.
func Defaults() []Template {
	return []Template{childUnder8(), childYounger(), childYoungerFrom8(), childOlder(), parentV1(), parent()}
}

// childYoungerFrom8 is version 2 of the younger form: the same questions,
// for 8 to 10, now that the under-8 form asks the youngest.
func childYoungerFrom8() Template {
	t := childYounger()
	t.Version = 2
	t.MinAge = 8
	return t
}

// childUnder8 is the form for children of 4 to 7, who may not read much
// yet: short questions, answered by tapping a face or a picture, each
// picture with words for screen readers. One question takes words, for a
// child who wants to write (or have help writing) something.
func childUnder8() Template {
	return Template{
		Key:      ChildUnder8Key,
		Audience: ForChild,
		MinAge:   MinFormAge,
		MaxAge:   7,
		Version:  1,
		Title:    "What do you think?",
		Intro: "This is about you. Tap a face or a picture. You can skip any question. " +
			"You can add a drawing or a photo too.",
		Questions: []Question{
			{Key: "feel_home", Prompt: "How do you feel where you live?", Type: Scale1to5, Options: emojiFaces()},
			{Key: "feel_school", Prompt: "How do you feel at school or nursery?", Type: Scale1to5, Options: emojiFaces()},
			{Key: "feel_today", Prompt: "How do you feel today?", Type: Scale1to5, Options: emojiFaces()},
			{Key: "happy_things", Prompt: "What makes you happy?", Help: "Tap all you like.", Type: MultiChoice, Options: []Option{
				{Key: "people", Label: "People I love", Emoji: "🤗", AltText: "A face giving a hug"},
				{Key: "friends", Label: "Friends", Emoji: "🧒", AltText: "A child"},
				{Key: "playing", Label: "Playing", Emoji: "⚽", AltText: "A football"},
				{Key: "pets", Label: "Pets", Emoji: "🐶", AltText: "A dog"},
				{Key: "school", Label: "School", Emoji: "🏫", AltText: "A school"},
				{Key: "home", Label: "Home", Emoji: "🏠", AltText: "A house"},
				{Key: "something_else", Label: "Something else", Emoji: "✨", AltText: "Sparkles"},
			}},
			{Key: "worries", Prompt: "Is anything making you sad or scared?", Type: Choice, Options: emojiYesNoNotSure()},
			{Key: "see_more", Prompt: "Is there someone you want to see more?", Type: Choice, Options: emojiYesNoNotSure()},
			{Key: "come_to_meeting", Prompt: "Do you want to come to your meeting?", Type: Choice, Options: emojiYesNoNotSure()},
			{Key: "advocate", Prompt: "Do you want a helper to speak for you?",
				Help: "This helper is called an advocate.", Type: Choice, Options: emojiYesNoNotSure()},
			{Key: "anything_else", Prompt: "Anything else?",
				Help: "A grown-up can help you write it.", Type: Text, MaxLength: shortText},
		},
	}
}

func childYounger() Template {
	return Template{
		Key:      ChildYoungerKey,
		Audience: ForChild,
		MinAge:   4,
		MaxAge:   10,
		Version:  1,
		Title:    "Tell us what you think",
		Intro: "Your meeting is about you, so we want to know what you think. " +
			"Answer as many or as few questions as you like. You choose who sees your answers.",
		Questions: []Question{
			{Key: "feel_home", Prompt: "How do you feel about where you live?",
				Help: "Pick the face that is most like you.", Type: Scale1to5, Options: faces()},
			{Key: "feel_school", Prompt: "How do you feel about school or nursery?",
				Help: "Pick the face that is most like you.", Type: Scale1to5, Options: faces()},
			{Key: "feel_most_days", Prompt: "How do you feel most days?",
				Help: "Think about how you feel inside, and how your body feels.", Type: Scale1to5, Options: faces()},
			{Key: "going_well", Prompt: "What makes you happy at the moment?",
				Help: "It could be a person, a pet, a game, or something you are proud of.", Type: Text, MaxLength: longText},
			{Key: "worries", Prompt: "Is anything making you sad or worried?",
				Help: "You can tell us about big things or small things.", Type: Text, MaxLength: longText},
			{Key: "family_friends", Prompt: "Is there anyone you would like to see more, or less?",
				Help: "This could be family, friends or anyone else.", Type: Text, MaxLength: shortText},
			{Key: "wish", Prompt: "If you could make one wish, what would it be?",
				Type: Text, MaxLength: shortText},
			{Key: "come_to_meeting", Prompt: "Would you like to come to your meeting?",
				Help: "You can come for a little while, or just send your ideas instead.", Type: Choice, Options: yesNoNotSure()},
			{Key: "talk_alone", Prompt: "Would you like to talk on your own with the person who runs your meeting?",
				Help: "It would be just the two of you.", Type: Choice, Options: yesNoNotSure()},
			{Key: "advocate", Prompt: "Would you like a helper to tell people what you think?",
				Help: "This helper is called an advocate. Their job is to help you say what you want.", Type: Choice, Options: yesNoNotSure()},
			{Key: "anything_else", Prompt: "Is there anything else you want to tell us?",
				Type: Text, MaxLength: longText},
		},
	}
}

func childOlder() Template {
	return Template{
		Key:      ChildOlderKey,
		Audience: ForChild,
		MinAge:   11,
		MaxAge:   25,
		Version:  1,
		Title:    "Your views for your meeting",
		Intro: "Your meeting is about you, and what you think matters. " +
			"Answer the questions you want to and skip the rest. You decide who can read your answers.",
		Questions: []Question{
			{Key: "overall", Prompt: "Overall, how are things for you right now?",
				Type: Scale1to5, Options: []Option{
					{Key: "1", Label: "Really bad"},
					{Key: "2", Label: "Not good"},
					{Key: "3", Label: "OK"},
					{Key: "4", Label: "Good"},
					{Key: "5", Label: "Really good"},
				}},
			{Key: "home", Prompt: "How are things where you live?",
				Help: "For example, the people you live with, your space, and how settled you feel.", Type: Text, MaxLength: longText},
			{Key: "school", Prompt: "How are things at school, college or work?",
				Help: "What is good, what is hard, and any help you would like.", Type: Text, MaxLength: longText},
			{Key: "health_feelings", Prompt: "How are you feeling, in your body and your mind?",
				Help: "You could tell us about sleep, eating, stress, or anything you want help with.", Type: Text, MaxLength: longText},
			{Key: "family_friends", Prompt: "How do you feel about seeing your family and friends?",
				Help: "Is there anyone you would like to see more, less, or in a different way?", Type: Text, MaxLength: longText},
			{Key: "going_well", Prompt: "What is going well for you?",
				Type: Text, MaxLength: longText},
			{Key: "worries", Prompt: "Is anything worrying you?",
				Help: "Big or small, you can tell us about it here.", Type: Text, MaxLength: longText},
			{Key: "want_to_happen", Prompt: "What would you like to happen next?",
				Help: "This could be about where you live, school, family, or your plans for the future.", Type: Text, MaxLength: longText},
			{Key: "who_at_meeting", Prompt: "Who would you like at your meeting?",
				Type: Text, MaxLength: shortText},
			{Key: "who_not_at_meeting", Prompt: "Is there anyone you would rather was not at your meeting?",
				Help: "The person running your meeting will think about this and talk to you about it.", Type: Text, MaxLength: shortText},
			{Key: "meeting_place", Prompt: "Where would you like your meeting to be?",
				Help: "Pick as many as you like.", Type: MultiChoice, Options: []Option{
					{Key: "where_i_live", Label: "Where I live"},
					{Key: "school", Label: "At school or college"},
					{Key: "online", Label: "Online"},
					{Key: "office", Label: "At an office"},
					{Key: "somewhere_else", Label: "Somewhere else"},
				}},
			{Key: "meeting_time", Prompt: "When would be a good time for your meeting?",
				Help: "For example, after school, or not on a day when you have a club.", Type: Text, MaxLength: shortText},
			{Key: "come_to_meeting", Prompt: "Would you like to come to your meeting?",
				Type: Choice, Options: []Option{
					{Key: "all", Label: "Yes, for all of it"},
					{Key: "part", Label: "Yes, for part of it"},
					{Key: "no", Label: "No"},
					{Key: "not_sure", Label: "I'm not sure yet"},
				}},
			{Key: "lead_part", Prompt: "Would you like to lead part of your meeting?",
				Help: "For example, start the meeting, or share your views yourself.", Type: Choice, Options: yesNoNotSure()},
			{Key: "talk_alone", Prompt: "Would you like to talk to your IRO or chair on your own before the meeting?",
				Help: "This is the person who runs your meeting. It would be just the two of you.", Type: YesNo},
			{Key: "advocate", Prompt: "Would you like an advocate?",
				Help: "An advocate is on your side and helps you say what you want. They are not part of your social work team.",
				Type: Choice, Options: []Option{
					{Key: "yes", Label: "Yes"},
					{Key: "no", Label: "No"},
					{Key: "tell_me_more", Label: "I'd like to find out more"},
				}},
			{Key: "anything_else", Prompt: "Is there anything else you want to say?",
				Type: Text, MaxLength: longText},
		},
	}
}

// parentV1 is version 1 of the parent form, kept for the views that
// answered it (see parent for version 2).
func parentV1() Template {
	return Template{
		Key:      ParentKey,
		Audience: ForParent,
		Version:  1,
		Title:    "Your views before the meeting",
		Intro: "The meeting will look at how things are for your child and what should happen next. " +
			"Your views are an important part of this. Your answers go to the chair and the social worker.",
		Questions: []Question{
			{Key: "going_well", Prompt: "What is going well for your child and your family?",
				Help: "Things you are proud of, or that have got better.", Type: Text, MaxLength: longText},
			{Key: "worries", Prompt: "What worries you?",
				Help: "This could be about your child, your family, or the plan.", Type: Text, MaxLength: longText},
			{Key: "needs_to_change", Prompt: "What do you think needs to change?",
				Help: "You may agree or disagree with what others have said. Tell us in your own words.", Type: Text, MaxLength: longText},
			{Key: "help_needed", Prompt: "What help would make a difference to you and your child?",
				Type: Text, MaxLength: longText},
			{Key: "can_attend", Prompt: "Will you be able to come to the meeting?",
				Type: Choice, Required: true, Options: yesNoNotSure()},
			{Key: "attend_help", Prompt: "What would help you take part?",
				Help: "Pick as many as you like.", Type: MultiChoice, Options: []Option{
					{Key: "online", Label: "Joining online"},
					{Key: "different_time", Label: "A different time or day"},
					{Key: "interpreter", Label: "An interpreter"},
					{Key: "support_person", Label: "Bringing someone to support me"},
					{Key: "talk_before", Label: "Talking to the chair before the meeting"},
					{Key: "reports_early", Label: "Getting the reports in good time to read"},
					{Key: "access", Label: "Help with getting in or hearing, such as a ramp or hearing loop"},
				}},
			{Key: "attend_help_other", Prompt: "Is there anything else that would help you take part?",
				Help: "For example, help with travel, childcare or reading.", Type: Text, MaxLength: shortText},
			{Key: "anything_else", Prompt: "Is there anything else you want the chair to know?",
				Help: "The chair runs the meeting and is not part of your family's social work team.", Type: Text, MaxLength: longText},
		},
	}
}

// parent is version 2 of the parent form. Version 1 asked about an
// interpreter, a supporter and access only as options of one question, so
// the chair could not tell which language; version 2 asks each on its own
// (internal/parents reads them as the parent's needs for the meeting).
func parent() Template {
	return Template{
		Key:      ParentKey,
		Audience: ForParent,
		Version:  2,
		Title:    "Your views before the meeting",
		Intro: "The meeting will look at how things are for your child and what should happen next. " +
			"Your views are an important part of this. Your answers go to the chair and the social worker. " +
			"If you need an interpreter, someone with you or other help to take part, tell us here.",
		Questions: []Question{
			{Key: "going_well", Prompt: "What is going well for your child and your family?",
				Help: "Things you are proud of, or that have got better.", Type: Text, MaxLength: longText},
			{Key: "worries", Prompt: "What worries you?",
				Help: "This could be about your child, your family, or the plan.", Type: Text, MaxLength: longText},
			{Key: "needs_to_change", Prompt: "What do you think needs to change?",
				Help: "You may agree or disagree with what others have said. Tell us in your own words.", Type: Text, MaxLength: longText},
			{Key: "help_needed", Prompt: "What help would make a difference to you and your child?",
				Type: Text, MaxLength: longText},
			{Key: "can_attend", Prompt: "Will you be able to come to the meeting?",
				Type: Choice, Required: true, Options: yesNoNotSure()},
			{Key: "interpreter", Prompt: "Do you need an interpreter at the meeting?",
				Help: "This includes sign language. The chair and the social worker can see your answer.", Type: YesNo},
			{Key: "interpreter_language", Prompt: "If you need an interpreter, which language?",
				Help: "For example, Polish, Urdu or British Sign Language.", Type: Text, MaxLength: shortText},
			{Key: "supporter", Prompt: "Would you like to bring someone to support you?",
				Help: "For example, a friend, someone from your family or an advocate.", Type: YesNo},
			{Key: "access", Prompt: "Do you need help to get into the room, hear, see or read at the meeting?",
				Type: YesNo},
			{Key: "access_details", Prompt: "If you do, what would help?",
				Help: "For example, a ramp, a hearing loop, large print, or someone to read the papers with you.", Type: Text, MaxLength: shortText},
			{Key: "attend_help", Prompt: "What else would help you take part?",
				Help: "Pick as many as you like.", Type: MultiChoice, Options: []Option{
					{Key: "online", Label: "Joining online"},
					{Key: "different_time", Label: "A different time or day"},
					{Key: "talk_before", Label: "Talking to the chair before the meeting"},
					{Key: "reports_early", Label: "Getting the reports in good time to read"},
				}},
			{Key: "attend_help_other", Prompt: "Is there anything else that would help you take part?",
				Help: "For example, help with travel, childcare or reading.", Type: Text, MaxLength: shortText},
			{Key: "anything_else", Prompt: "Is there anything else you want the chair to know?",
				Help: "The chair runs the meeting and is not part of your family's social work team.", Type: Text, MaxLength: longText},
		},
	}
}

// faces is the five-point faces scale of the younger form, from very sad to
// very happy.
func faces() []Option {
	return []Option{
		{Key: "1", Label: "Very sad"},
		{Key: "2", Label: "Sad"},
		{Key: "3", Label: "OK"},
		{Key: "4", Label: "Happy"},
		{Key: "5", Label: "Very happy"},
	}
}

// yesNoNotSure is the options of a question a reader may not have made up
// their mind about.
func yesNoNotSure() []Option {
	return []Option{
		{Key: "yes", Label: "Yes"},
		{Key: "no", Label: "No"},
		{Key: "not_sure", Label: "I'm not sure"},
	}
}

// emojiFaces is the faces scale of the under-8 form: a face to tap for each
// point, from very sad to very happy, with its words for screen readers.
func emojiFaces() []Option {
	return []Option{
		{Key: "1", Label: "Very sad", Emoji: "😢", AltText: "A crying face"},
		{Key: "2", Label: "Sad", Emoji: "🙁", AltText: "A sad face"},
		{Key: "3", Label: "OK", Emoji: "😐", AltText: "A face that is not happy or sad"},
		{Key: "4", Label: "Happy", Emoji: "🙂", AltText: "A smiling face"},
		{Key: "5", Label: "Very happy", Emoji: "😄", AltText: "A big smiling face"},
	}
}

// emojiYesNoNotSure is yesNoNotSure with a picture to tap for each.
func emojiYesNoNotSure() []Option {
	return []Option{
		{Key: "yes", Label: "Yes", Emoji: "👍", AltText: "Thumbs up"},
		{Key: "no", Label: "No", Emoji: "👎", AltText: "Thumbs down"},
		{Key: "not_sure", Label: "I don't know", Emoji: "🤷", AltText: "A person shrugging"},
	}
}
