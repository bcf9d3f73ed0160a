package gen

import (
	"strings"

	"kite/internal/domain"
)

// The generator's words. Every name, place and story is made up; phone
// numbers are in Ofcom's ranges for drama and email addresses under
// example.org. What a child or parent reads is short, plain and kind.

// fill puts a child's name where a text says {name}.
func fill(text, name string) string { return strings.ReplaceAll(text, "{name}", name) }

var (
	girlNames = []string{"Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Sophia",
		"Grace", "Willow", "Evie", "Poppy", "Ella", "Ruby", "Daisy", "Maya", "Aisha", "Zara", "Chloe", "Hannah",
		"Leah", "Nia", "Amara", "Layla", "Maryam", "Ellie", "Jessica", "Phoebe", "Summer", "Skye", "Niamh", "Erin",
		"Megan", "Keira", "Tia", "Shanice", "Zainab", "Oliwia", "Harper", "Esme", "Imani", "Precious", "Lacey"}
	boyNames = []string{"Oliver", "Noah", "George", "Leo", "Arthur", "Muhammad", "Harry", "Oscar", "Jack", "Charlie",
		"Freddie", "Alfie", "Theo", "Jacob", "Ethan", "Tyler", "Kai", "Logan", "Mason", "Riley", "Jayden", "Reuben",
		"Callum", "Liam", "Kyle", "Dylan", "Ibrahim", "Yusuf", "Kacper", "Tomasz", "Kofi", "Tyrese", "Ashton",
		"Connor", "Lewis", "Ryan", "Jamal", "Luca", "Archie", "Finley", "Bobby", "Harrison", "Ezra", "Deacon"}
	neutralNames = []string{"Alex", "Jordan", "Sam", "Jamie", "Robin", "Frankie", "Charlie", "Rowan", "Kit", "Ash"}
	middleNames  = []string{"James", "Rose", "Louise", "John", "Marie", "Thomas", "Grace", "Lee", "Jane", "David",
		"May", "Ali", "Anne", "Michael", "Jade", "Edward", "Hope", "Junior", "Faith", "William"}
	surnames = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
		"Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke",
		"Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore",
		"Clark", "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Ali", "Begum", "Hussain",
		"Ahmed", "Okafor", "Mensah", "Kowalski", "Nowak", "Murphy", "O'Brien", "Campbell", "Kelly", "Price",
		"Bennett", "Shaw", "Reid", "Mitchell", "Carter", "Phillips", "Parker", "Nguyen", "Silva", "Mohamed",
		"Adeyemi", "Osei", "Doherty", "Lambert", "Fox", "Gordon", "Marsh"}
	womenNames = []string{"Kerry", "Sarah", "Emma", "Laura", "Gemma", "Leanne", "Natalie", "Chloe", "Danielle",
		"Stacey", "Amy", "Rebecca", "Samantha", "Jade", "Nadia", "Fatima", "Agnieszka", "Shannon", "Michelle",
		"Claire", "Hayley", "Aaliyah", "Joanne", "Lisa", "Kayleigh", "Charlotte", "Abimbola", "Toni"}
	menNames = []string{"Darren", "Lee", "Craig", "Daniel", "James", "Mark", "Jason", "Ryan", "Adam", "Scott",
		"Kyle", "Wayne", "Imran", "Piotr", "Kwame", "Dean", "Stephen", "Gary", "Paul", "Jamie", "Reece", "Tariq"}
	staffFirstNames = []string{"Priya", "Daniel", "Helen", "Morgan", "Ruth", "Aisha", "Tom", "Grace", "Mohammed",
		"Sophie", "David", "Fiona", "Kwabena", "Joanna", "Rachel", "Simon", "Bethany", "Anita", "Marcus", "Eleanor",
		"Oluwaseun", "Katie", "Neil", "Harpreet", "Siobhan", "Gareth", "Yvonne", "Ifeoma", "Martin", "Louise",
		"Tariq", "Nicola", "Ben", "Deborah", "Raj", "Catherine", "Femi", "Jenny", "Owen", "Zoe", "Hannah", "Chris"}
	howToReach = []string{
		"Text or email me and I will get back to you within two working days.",
		"Email is best. If it is urgent, call and leave a message and I will call you back the same day.",
		"Call or text my work phone. If I am out on a visit, leave a message and I will call you back.",
		"Call me in the morning, when I am usually at my desk, or send me an email at any time.",
		"Send me a text and I will call you back when I can talk properly.",
		"Email me, or ask the duty team to pass on a message.",
	}
	workingPatterns = []string{
		"Monday to Friday, 9am to 5pm", "Monday to Thursday, 9am to 5pm", "Monday to Friday, 8.30am to 4.30pm",
		"Monday, Tuesday and Wednesday, 9am to 5pm", "Tuesday to Friday, 9am to 3pm",
		"Monday, Wednesday and Friday, 9am to 5pm",
	}
	careEndReasons = []string{
		"Returned home to live with family.",
		"A special guardianship order was made: the child lives with a relative.",
		"An adoption order was made.",
		"A child arrangements order was made: the child lives with the other parent.",
	}
	cpClosedReasons = []string{
		"The review conference agreed that a child protection plan is no longer needed; a child in need plan follows.",
		"The review conference agreed that a child protection plan is no longer needed, with no further action.",
	}
	postponeReasons = []string{
		"The chair was unwell.",
		"The family asked for a new date.",
		"Reports for the meeting were not ready in time.",
		"Not enough of the people needed could come.",
		"The child asked to move the meeting so they did not miss a school trip.",
	}
	reviewOutcomes = []string{
		"Everyone agreed that {name}'s plan is working well and that nothing big needs to change before the next review.",
		"We talked about school, health and family time. {name} will keep seeing family every two weeks, and school will offer extra help with reading.",
		"{name}'s views were shared and listened to. We agreed to look for a long-term home, and to talk with {name} about every step.",
		"This review looked at how {name} is settling in. Everyone agreed the placement is going well and family time will carry on as planned.",
		"We agreed some changes to the plan: {name} will have more say about family time, and help from the wellbeing service.",
		"Thank you for your views, {name}. We agreed you will stay where you are, and we will check your health and school plans are up to date.",
	}
	lightTouchOutcomes = []string{
		"The IRO spoke with {name}, the carers and the social worker. Everyone agreed things are settled and the plan is working.",
		"A light-touch review: {name} is happy where they live, and the plan carries on. The next full review is in six months.",
	}
	initialOutcomes = []string{
		"The conference agreed that {name} needs a child protection plan, because of {category}. Everyone will work together to make things safer, and the core group will meet in the next two weeks.",
		"The conference decided that {name} will have a child protection plan. It is about {category}. The plan says what needs to change and who will help.",
	}
	reviewConferenceOutcomes = []string{
		"The conference agreed that the plan should carry on for now. Things have got better for {name}, but there is still work to do.",
		"Everyone agreed {name} still needs a child protection plan. We updated the plan and will meet again in six months.",
		"The conference heard that some things have improved and some have not. {name}'s plan carries on, with clearer actions for the adults.",
	}
	endOutcome        = "The conference agreed that {name} no longer needs a child protection plan, because things are much safer now. Support will carry on for a while as a child in need plan."
	coreGroupOutcomes = []string{
		"The core group checked how the plan is going. Most actions are on track.",
		"The core group met and agreed the next steps. Some actions are running late and the social worker will follow them up.",
		"The core group reviewed the plan. School reported that attendance has improved.",
		"The core group checked the plan. The family is working well with the support that has been offered.",
	}
	categoryWords = map[domain.AbuseCategory]string{
		domain.Neglect:   "neglect",
		domain.Emotional: "emotional abuse",
		domain.Physical:  "physical abuse",
		domain.Sexual:    "sexual abuse",
		domain.Multiple:  "more than one kind of harm",
	}
	replies = []string{
		"Thank you for telling me, {name}. I have read everything you wrote and I will make sure it is talked about at your meeting.",
		"Thank you, {name}. It really helps to know what you think. I will speak to you before the meeting so we can plan it together.",
		"Thanks for sending this, {name}. I have shared what you said about family time with your social worker, as you asked.",
		"I am really glad you told me about your worries, {name}. We will talk about them at your meeting, and I will check you are OK.",
		"Well done for filling this in, {name}. Your ideas for the meeting are great, and we will try to do them.",
		"Thank you, {name}. I have noted who you want at your meeting and where you would like it to be.",
	}
)

// textPair is one part of a plan in formal words ({name} for the child's
// name) and in words for the child.
type textPair struct{ formal, child string }

var (
	careWorries = []textPair{
		{"{name} became looked after following long-standing concerns about neglect at home.",
			"You came to live somewhere new because things at home were not safe enough for you."},
		{"{name} became looked after when a parent became unwell and nobody else in the family could provide care.",
			"Your mum or dad is poorly, so right now they cannot look after you at home."},
		{"{name} became looked after following a breakdown in family relationships.",
			"Things got very hard at home, so you are living somewhere else for now."},
		{"{name} became looked after following domestic abuse in the family home.",
			"There was fighting at home that made it unsafe for you, so you are living somewhere else for now."},
		{"{name} became looked after because of parental drug and alcohol use that left basic needs unmet.",
			"The grown-ups at home were not able to look after you safely, so you are living somewhere else for now."},
	}
	careChanges = []textPair{
		{"{name} needs a long-term plan for where to live, with {name}'s views at the centre of it.",
			"We will work out with you where you will live for a long time, and what you want will be at the heart of it."},
		{"{name} needs regular, safe family time and support with emotional wellbeing.",
			"You will keep seeing your family safely, and get help with your feelings."},
		{"{name} needs a stable school place and help to catch up with learning.",
			"We will make sure you have a school you can stay at, and help you catch up."},
		{"{name}'s health needs must be met, including the annual health assessment and dental checks.",
			"We will make sure you see the doctor and the dentist when you need to."},
	}
	goingWell = []textPair{
		{"{name} has warm and settled relationships at home and attends school regularly.",
			"You are settled, and you go to school most days."},
		{"{name} enjoys school and has made good friends.", "You like school and you have made good friends."},
		{"The family has worked well with the social worker and accepted support from the family support service.",
			"Your family has been working hard with the social worker and getting help."},
		{"{name} has joined a local sports club and is growing in confidence.",
			"You have joined a club and you are getting more confident."},
		{"Family time has gone well and {name} looks forward to it.",
			"Seeing your family has gone well, and you look forward to it."},
		{"{name}'s health needs are being met, and all appointments have been kept.",
			"You have been to all your check-ups, and you are healthy."},
	}
	progressFormal = []string{
		"Progress has been made since the last review.",
		"Several actions from the last plan have been completed.",
		"The professionals agree that things are moving in the right direction.",
	}
	progressChild = []string{
		"Things have got better since the last meeting.",
		"Lots of the things we said we would do have been done.",
		"Everyone thinks things are going the right way.",
	}
	unbornWorries = []textPair{
		{"There are concerns about whether the baby's needs will be met after birth, given past substance misuse.",
			"We want to be sure the baby will be safe and well looked after once they are born."},
		{"Older brothers and sisters have been removed from the family's care in the past, and there are concerns about the baby's safety after birth.",
			"Everyone wants to make sure the baby has a safe start in life."},
	}
	unbornGoingWell = []textPair{
		{"The mother is attending antenatal appointments and has started work with the support services.",
			"Mum is going to all her baby check-ups and is getting help."},
		{"The family has engaged well with the pre-birth assessment.",
			"The family is working well with the social worker to get ready for the baby."},
	}
	unbornChanges = []textPair{
		{"A birth plan must be agreed before the baby arrives, and the mother needs to stay engaged with support services.",
			"Everyone will agree a plan before the baby arrives, and mum will keep getting help."},
		{"A safe home must be ready for the baby, with a support network agreed before the birth.",
			"Everyone will make sure there is a safe home and people to help when the baby arrives."},
	}
	cpWorries = map[domain.AbuseCategory][]textPair{
		domain.Neglect: {
			{"{name} has often arrived at school hungry and in unwashed clothes, and school attendance has fallen below 85%.",
				"We are worried that sometimes there has not been enough food at home, and that you have missed a lot of school."},
			{"{name}'s home has been found in a poor state, with little food and no safe place to sleep. Health appointments have been missed.",
				"We are worried that your home has not been clean or safe enough, and that you have missed check-ups with the doctor."},
			{"{name} has been left without adult supervision on several occasions, and basic care needs are not being met consistently.",
				"We are worried that you have sometimes been left on your own when a grown-up should have been looking after you."},
		},
		domain.Emotional: {
			{"{name} has witnessed frequent and serious arguments and domestic abuse between adults in the household.",
				"There has been a lot of shouting and fighting at home, and that is not OK for you."},
			{"{name} is often spoken to in a harsh and belittling way, and is showing signs of low mood and anxiety.",
				"We are worried that grown-ups at home have said unkind things to you, and that this has made you feel sad and worried."},
			{"Parental mental ill-health and alcohol use mean that {name}'s emotional needs are not being met.",
				"The grown-ups at home have been finding things hard, and we want to make sure you get the care and attention you need."},
		},
		domain.Physical: {
			{"{name} was seen with unexplained bruising, and the explanations given were not consistent with the injuries.",
				"We are worried because you had bruises that nobody could explain properly."},
			{"There are concerns that physical punishment is being used to discipline {name}.",
				"We are worried that grown-ups have hit you when they were cross. That is never OK."},
		},
		domain.Sexual: {
			{"{name} has disclosed harmful sexual behaviour by an adult known to the family.",
				"You told us something really important about a grown-up who hurt you. You were very brave to tell us."},
			{"There are concerns that {name} is at risk of sexual exploitation outside the home.",
				"We are worried that some older people you have met may want to hurt you or take advantage of you."},
		},
		domain.Multiple: {
			{"{name} has experienced neglect of basic needs and has been exposed to domestic abuse in the home.",
				"We are worried that you have not always had what you need at home, and that there has been fighting there."},
			{"There are concerns about {name}'s physical safety and emotional wellbeing, including the impact of parental substance misuse.",
				"We are worried about your safety and your feelings, because the grown-ups at home have been using drugs or alcohol."},
		},
	}
	cpChanges = map[domain.AbuseCategory][]textPair{
		domain.Neglect: {
			{"{name} needs regular meals, clean clothes and consistent adult supervision, and school attendance must rise above 95%.",
				"The grown-ups will make sure you have food, clean clothes and someone with you, and help you get to school every day."},
			{"The home must be kept safe and clean, and {name}'s health appointments must be kept.",
				"Your home needs to be clean and safe, and you need to go to all your check-ups."},
		},
		domain.Emotional: {
			{"{name} needs to live free from conflict at home, and the adults need to engage with the domestic abuse service.",
				"You need to feel safe at home, and the grown-ups will get help so there is no more fighting."},
			{"The adults caring for {name} need support with their own wellbeing, so that {name}'s feelings come first.",
				"The grown-ups will get help for themselves, so they can look after your feelings."},
		},
		domain.Physical: {
			{"The adults caring for {name} need to use safe, non-physical ways of setting boundaries, with support from a parenting programme.",
				"The grown-ups will learn better ways to help when things are hard, without hurting you."},
		},
		domain.Sexual: {
			{"{name} needs to be kept safe from the person who caused harm, and to have specialist support.",
				"We will keep you safe from the person who hurt you, and find someone you can talk to."},
		},
		domain.Multiple: {
			{"The parents need to engage with substance misuse and domestic abuse services, and {name}'s basic needs must be met every day.",
				"The grown-ups will get help to stop drinking or using drugs, and make sure you have what you need every day."},
		},
	}
)

// genActionText is one kind of plan action: what (formal, {name} for the
// child), the words for the child, and who does it ("sw", "chair" and
// "parent" name the family's own; anything else is written as it is).
type genActionText struct{ what, forChild, who string }

// visitAlone is an action of plans for physical abuse and for several
// kinds of harm alike.
var visitAlone = genActionText{"Visit {name} at home every two weeks, including time alone with {name}.",
	"Your social worker will visit you every two weeks and talk to you on your own.", "sw"}

var (
	careActions = []genActionText{
		{"Complete {name}'s review health assessment.", "Have your yearly check-up with the doctor.", "sw"},
		{"Arrange regular family time for {name} and review it with {name}.", "Plan when you see your family, together with you.", "sw"},
		{"Update {name}'s personal education plan.", "Check how school is going and what help you need.", "Designated teacher"},
		{"Offer {name} an independent advocate.", "Tell you about advocates, so you can choose if you want one.", "chair"},
		{"Refer {name} to the emotional wellbeing service.", "Find someone you can talk to about your feelings.", "sw"},
		{"Help {name} to join an after-school club.", "Help you join a club you like.", "Foster carer"},
		{"Complete life story work with {name}.", "Make a book with you about your life and your family.", "sw"},
		{"Book {name}'s dental check-up.", "Take you to see the dentist.", "Foster carer"},
	}
	cpActions = map[domain.AbuseCategory][]genActionText{
		domain.Neglect: {
			{"Family support worker to visit weekly to help with routines and meals.", "A helper will visit every week to help with meals and bedtime.", "Family support service"},
			{"Register {name} with a dentist and attend a check-up.", "Take you to see a dentist.", "parent"},
			{"Arrange for {name} to attend breakfast club every school day.", "You can go to breakfast club at school every day.", "School"},
			{"Share {name}'s school attendance with the core group every week.", "School will check that you are getting in every day.", "School"},
		},
		domain.Emotional: {
			{"Attend the domestic abuse recovery programme.", "The grown-ups will go to a group that helps families where there has been fighting.", "parent"},
			{"Agree a safety plan with {name}.", "Make a plan with you about what to do if you feel unsafe.", "sw"},
			{"Refer {name} to the school counsellor.", "Find someone at school you can talk to.", "School"},
		},
		domain.Physical: {
			{"Complete a parenting programme.", "The grown-ups will go to a course about looking after children.", "parent"},
			{"Check on {name}'s wellbeing every month.", "The school nurse will check in with you every month.", "School nurse"},
			visitAlone,
		},
		domain.Sexual: {
			{"Refer {name} to a specialist therapeutic service.", "Find a special helper you can talk to about what happened.", "sw"},
			{"Agree a safety plan covering who may have contact with {name}.", "Make a plan about who can and cannot see you.", "sw"},
			{"Deliver keeping-safe work with {name}.", "Help you learn about keeping safe.", "School"},
		},
		domain.Multiple: {
			{"Attend every appointment with the drug and alcohol service.", "The grown-ups will go to all their appointments to get help with drinking or drugs.", "parent"},
			{"Family support worker to visit weekly.", "A helper will visit your home every week.", "Family support service"},
			visitAlone,
		},
	}
	unbornActions = []genActionText{
		{"Agree a birth plan with the hospital and the midwife.", "Make a plan for when the baby is born.", "sw"},
		{"Attend all antenatal appointments.", "Go to all the baby check-ups before the birth.", "parent"},
		{"Complete a pre-birth parenting assessment.", "Work with the social worker to get ready for the baby.", "sw"},
	}
)

// actionPool is the actions a plan draws from.
func actionPool(e *episode, unborn bool) []genActionText {
	switch {
	case e.kind == domain.CarePlan:
		return careActions
	case unborn:
		return unbornActions
	}
	return cpActions[e.category]
}

// Sample answers to the default forms, as question key and value pairs.
// fitAnswers checks each against the stored form version once; every
// submission then uses one of them.
var (
	youngerAnswers = [][]string{
		{"feel_home", "4", "feel_school", "3", "feel_most_days", "4", "going_well", "Playing football with my friends at school.", "wish", "To have a dog.", "come_to_meeting", "yes"},
		{"feel_home", "5", "feel_school", "4", "going_well", "My carer makes pancakes on Saturdays.", "family_friends", "I want to see my nan more.", "talk_alone", "yes"},
		{"feel_home", "3", "feel_school", "2", "feel_most_days", "3", "worries", "I get in trouble at school a lot.", "wish", "To be in the same class as my best friend.", "come_to_meeting", "not_sure", "advocate", "not_sure"},
		{"feel_home", "4", "going_well", "Swimming. I can do a width now!", "family_friends", "I want to see my brother more.", "come_to_meeting", "no", "talk_alone", "no"},
		{"feel_most_days", "2", "worries", "I miss my mum.", "wish", "To go home.", "advocate", "yes"},
		{"feel_home", "5", "feel_school", "5", "feel_most_days", "5", "going_well", "Everything! I got a star award.", "anything_else", "I like my new bedroom."},
		{"feel_school", "3", "family_friends", "I don't want to see my uncle.", "talk_alone", "yes", "come_to_meeting", "yes"},
		{"feel_home", "4", "feel_school", "4", "wish", "For everyone in my family to be happy."},
	}
	youngerWorried = [][]string{
		{"feel_home", "1", "feel_most_days", "1", "worries", "Something happened and I feel scared. I want to talk to someone.", "talk_alone", "yes"},
		{"feel_most_days", "1", "worries", "I am sad all the time and I don't want to go home today.", "wish", "To feel safe."},
	}
	olderAnswers = [][]string{
		{"overall", "4", "home", "It's good. I get on with my carers.", "school", "OK. Maths is hard but I'm trying.", "want_to_happen", "I want to stay where I am.", "meeting_place", "where_i_live", "come_to_meeting", "all", "talk_alone", "no"},
		{"overall", "3", "family_friends", "I want to see my sister more and I want to choose when.", "worries", "Sometimes I feel sad after family time.", "who_at_meeting", "My carer and my social worker.", "meeting_place", "school,online", "come_to_meeting", "part", "advocate", "tell_me_more"},
		{"overall", "2", "home", "I don't like the house rules. I want more freedom.", "health_feelings", "I'm not sleeping well.", "want_to_happen", "I want to move to a different placement.", "who_not_at_meeting", "My dad.", "come_to_meeting", "no", "talk_alone", "yes", "advocate", "yes"},
		{"overall", "5", "going_well", "I got a part-time job and I passed my driving theory test.", "want_to_happen", "I want to go to college to do engineering.", "meeting_time", "After 4pm because of college.", "lead_part", "yes"},
		{"overall", "3", "school", "College is going OK.", "health_feelings", "Stressed about exams.", "meeting_place", "online", "come_to_meeting", "not_sure", "lead_part", "not_sure"},
		{"overall", "4", "home", "Settled. I like having my own room.", "family_friends", "Seeing mum every two weeks is about right.", "going_well", "Football.", "who_at_meeting", "Mum, my carer and my teacher.", "talk_alone", "no", "advocate", "no"},
		{"overall", "2", "worries", "I feel like nobody listens to me.", "want_to_happen", "I want more say in what happens.", "come_to_meeting", "all", "lead_part", "yes", "anything_else", "I want to change my social worker."},
		{"overall", "4", "school", "I'm doing better at school this year.", "meeting_place", "where_i_live,office", "meeting_time", "Not on Wednesdays, I have boxing."},
	}
	olderWorried = [][]string{
		{"overall", "1", "worries", "Things are really bad at the moment and I don't feel safe. I need to talk to someone today.", "talk_alone", "yes"},
		{"overall", "1", "health_feelings", "I feel really low and I don't know what to do.", "worries", "I can't go back there tonight.", "talk_alone", "yes"},
	}
)
