// Package glossary holds the words professionals use, each with a short,
// plain explanation for children and parents.
//
// These are Kite's default entries, written in our own words for a reader of
// about ten. A local authority may add or replace entries of its own
// (docs/domain.md, GlossaryEntry).
package glossary

// Entry is one word or phrase and what it means.
type Entry struct {
	// Term is the word or phrase as professionals say it.
	Term string `json:"term"`
	// Explanation says what it means, in one to three short sentences.
	Explanation string `json:"explanation"`
}

// Default returns the default glossary, sorted by term (ignoring case). Each
// call returns a fresh copy, so callers may change it.
func Default() []Entry {
	return []Entry{
		{"Advocate",
			"An advocate is someone whose job is to help you say what you think and make sure you are listened to. " +
				"They are on your side, and they are not part of your social work team."},
		{"Care plan",
			"A care plan is the written plan for a child in care. It says where you live, who looks after you, " +
				"how you will stay safe and well, and how you will keep in touch with people who matter to you."},
		{"Child in care (looked after)",
			"A child in care is a child the council is helping to look after, often living with foster carers, " +
				"relatives or in a children's home. People sometimes say \"looked after\" instead. " +
				"It does not mean you have done anything wrong."},
		{"Child in need plan",
			"A child in need plan is for a child and family who need some extra help, for example with health, school or home. " +
				"It says who will help and how. It is not a child protection plan."},
		{"Child protection conference",
			"A meeting where family and professionals talk about whether a child is safe and what help the family needs. " +
				"The first one is called an initial conference. Later ones, called review conferences, check how the plan is going."},
		{"Child protection conference chair (CP chair)",
			"The CP chair is the person who runs a child protection conference. " +
				"They are not your family's social worker, so they can listen fairly to everyone, including you."},
		{"Child protection plan",
			"A plan made at a child protection conference when people are worried that a child could be harmed " +
				"or is not being looked after well enough. It says what needs to change, who will help, and by when."},
		{"Childline",
			"Childline is a free helpline for children and young people. You can talk to them about anything, " +
				"day or night, on 0800 1111 or online."},
		{"Complaint",
			"A complaint is when you tell the council that something is wrong or unfair, or that people did not do what they said. " +
				"You can make one yourself, or an advocate can help you. Nobody is allowed to treat you worse for complaining."},
		{"Core group",
			"A small group of family members and professionals who meet often to make a child protection plan happen. " +
				"They check what is working and what still needs to be done."},
		{"Duty team",
			"The duty team is a group of social workers at the council who help when something needs sorting quickly " +
				"and a child's own social worker is not there. They work when the office is open."},
		{"Emotional abuse",
			"Emotional abuse is when someone keeps making a child feel scared, worthless or unloved, " +
				"for example by shouting, threatening or putting them down. It is never the child's fault."},
		{"Independent Visitor",
			"An Independent Visitor is a grown-up volunteer who visits a child in care to spend time with them, a bit like a friend. " +
				"They are not part of the social work team. You can ask for one."},
		{"IRO (Independent Reviewing Officer)",
			"Your IRO runs your reviews while you are in care. They check that your care plan is right for you " +
				"and that people do what they said they would. They want to hear what you think."},
		{"Lighter-touch review",
			"A smaller kind of review for some young people aged 12 or over who are settled where they live and agree to it. " +
				"Instead of a full meeting, the IRO talks with you, your carers and your social worker."},
		{"Local authority (council)",
			"The local authority, or council, runs services in your area, such as schools, parks and bin collections. " +
				"Its children's services team includes social workers and IROs."},
		{"Neglect",
			"Neglect is when a child does not get the care they need, such as enough food, clean clothes, a safe home, " +
				"a doctor when they are ill, or someone keeping them safe. It is never the child's fault."},
		{"Out-of-hours team",
			"The out-of-hours team are social workers you can call when the council's office is closed, " +
				"such as at night, at weekends and on bank holidays. They help when something cannot wait."},
		{"Outcome",
			"The outcome is what was decided at a meeting, such as changes to the plan and what happens next. " +
				"You should be told it in words you understand."},
		{"Parental responsibility",
			"The rights and duties a parent has, like making big decisions about a child's health and schooling. " +
				"Mums have it, and many dads do too. If a court decides a child should be in care, the council shares it."},
		{"Participation",
			"Taking part in your meeting in the way that suits you. You could come along, lead part of it, " +
				"ask an advocate to speak for you, or send your views in writing before it."},
		{"Pathway plan",
			"A pathway plan is the plan for a young person in care from about 16, to help them get ready for life as an adult. " +
				"It covers things like where to live, money, college or work, and who will help."},
		{"Physical abuse",
			"Physical abuse is when someone hurts a child's body on purpose, for example by hitting, kicking or shaking them. " +
				"It is never the child's fault."},
		{"Placement",
			"Your placement is the home where you live while you are in care, for example with foster carers, " +
				"with relatives, or in a children's home."},
		{"Review (child in care review)",
			"A meeting, run by your IRO, that checks how things are going for you and whether your care plan needs to change. " +
				"It happens regularly, and what you think is a really important part of it."},
		{"Sexual abuse",
			"Sexual abuse is when someone involves a child in sexual things, like touching their private parts " +
				"or showing them sexual pictures or videos. It is never the child's fault, and it is always OK to tell someone you trust."},
		{"Social worker",
			"A social worker's job is to help children and families, and to make sure children are safe and well looked after. " +
				"They visit you, listen to you, and help your plan happen."},
		{"Strategy discussion",
			"A talk between professionals, such as social workers, police and health workers, when they are worried " +
				"that a child might be harmed. Together they decide what to do next to keep the child safe."},
		{"Wishes and feelings",
			"What you think, what you want and how you feel about your life and your plan. " +
				"The adults making decisions must listen and think about it carefully. " +
				"You may not always get what you want, but you should be told why."},
	}
}
