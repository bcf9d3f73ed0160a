package timescales

// bankHolidays lists every bank holiday in England and Wales from 2015 to
// 2030, as GOV.UK publishes them, in date order. Add a year (all of its days)
// when it is published, and a one-off day as soon as it is announced: for
// years not listed here the Calendar falls back to the regular rules, which
// cannot know about one-off days.
//
// Each year was checked by hand (Easter from the computus; Early May = first
// Monday in May; Spring = last Monday in May; Summer = last Monday in August;
// weekend Christmas, Boxing Day and New Year's Day moved to the next free
// weekday), and TestRulesReproduceTable proves the regular days against the
// rules. The one-off differences are 2020 (Early May moved to Friday 8 May for
// VE Day), 2022 (Spring moved to Thursday 2 June; Platinum Jubilee 3 June;
// State Funeral 19 September) and 2023 (Coronation 8 May).
var bankHolidays = []Holiday{
	// 2015: Easter Sunday 5 April; Boxing Day Saturday.
	{"2015-01-01", newYearsDay},
	{"2015-04-03", goodFriday},
	{"2015-04-06", easterMonday},
	{"2015-05-04", earlyMay},
	{"2015-05-25", springHoliday},
	{"2015-08-31", summerHoliday},
	{"2015-12-25", christmasDay},
	{"2015-12-28", boxingDay + substituteLabel},

	// 2016: Easter Sunday 27 March; Christmas Day Sunday.
	{"2016-01-01", newYearsDay},
	{"2016-03-25", goodFriday},
	{"2016-03-28", easterMonday},
	{"2016-05-02", earlyMay},
	{"2016-05-30", springHoliday},
	{"2016-08-29", summerHoliday},
	{"2016-12-26", boxingDay},
	{"2016-12-27", christmasDay + substituteLabel},

	// 2017: New Year's Day Sunday; Easter Sunday 16 April.
	{"2017-01-02", newYearsDay + substituteLabel},
	{"2017-04-14", goodFriday},
	{"2017-04-17", easterMonday},
	{"2017-05-01", earlyMay},
	{"2017-05-29", springHoliday},
	{"2017-08-28", summerHoliday},
	{"2017-12-25", christmasDay},
	{"2017-12-26", boxingDay},

	// 2018: Easter Sunday 1 April.
	{"2018-01-01", newYearsDay},
	{"2018-03-30", goodFriday},
	{"2018-04-02", easterMonday},
	{"2018-05-07", earlyMay},
	{"2018-05-28", springHoliday},
	{"2018-08-27", summerHoliday},
	{"2018-12-25", christmasDay},
	{"2018-12-26", boxingDay},

	// 2019: Easter Sunday 21 April.
	{"2019-01-01", newYearsDay},
	{"2019-04-19", goodFriday},
	{"2019-04-22", easterMonday},
	{"2019-05-06", earlyMay},
	{"2019-05-27", springHoliday},
	{"2019-08-26", summerHoliday},
	{"2019-12-25", christmasDay},
	{"2019-12-26", boxingDay},

	// 2020: Easter Sunday 12 April; Early May moved from Monday 4 May to
	// Friday 8 May (VE Day 75th anniversary); Boxing Day Saturday.
	{"2020-01-01", newYearsDay},
	{"2020-04-10", goodFriday},
	{"2020-04-13", easterMonday},
	{"2020-05-08", earlyMay + " (VE day)"},
	{"2020-05-25", springHoliday},
	{"2020-08-31", summerHoliday},
	{"2020-12-25", christmasDay},
	{"2020-12-28", boxingDay + substituteLabel},

	// 2021: Easter Sunday 4 April; Christmas Day Saturday.
	{"2021-01-01", newYearsDay},
	{"2021-04-02", goodFriday},
	{"2021-04-05", easterMonday},
	{"2021-05-03", earlyMay},
	{"2021-05-31", springHoliday},
	{"2021-08-30", summerHoliday},
	{"2021-12-27", christmasDay + substituteLabel},
	{"2021-12-28", boxingDay + substituteLabel},

	// 2022: New Year's Day Saturday; Easter Sunday 17 April; Spring moved from
	// Monday 30 May to Thursday 2 June, with the Platinum Jubilee on Friday
	// 3 June; the State Funeral on 19 September; Christmas Day Sunday.
	{"2022-01-03", newYearsDay + substituteLabel},
	{"2022-04-15", goodFriday},
	{"2022-04-18", easterMonday},
	{"2022-05-02", earlyMay},
	{"2022-06-02", springHoliday},
	{"2022-06-03", "Platinum Jubilee bank holiday"},
	{"2022-08-29", summerHoliday},
	{"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
	{"2022-12-26", boxingDay},
	{"2022-12-27", christmasDay + substituteLabel},

	// 2023: New Year's Day Sunday; Easter Sunday 9 April; Coronation 8 May.
	{"2023-01-02", newYearsDay + substituteLabel},
	{"2023-04-07", goodFriday},
	{"2023-04-10", easterMonday},
	{"2023-05-01", earlyMay},
	{"2023-05-08", "Bank holiday for the coronation of King Charles III"},
	{"2023-05-29", springHoliday},
	{"2023-08-28", summerHoliday},
	{"2023-12-25", christmasDay},
	{"2023-12-26", boxingDay},

	// 2024: Easter Sunday 31 March.
	{"2024-01-01", newYearsDay},
	{"2024-03-29", goodFriday},
	{"2024-04-01", easterMonday},
	{"2024-05-06", earlyMay},
	{"2024-05-27", springHoliday},
	{"2024-08-26", summerHoliday},
	{"2024-12-25", christmasDay},
	{"2024-12-26", boxingDay},

	// 2025: Easter Sunday 20 April.
	{"2025-01-01", newYearsDay},
	{"2025-04-18", goodFriday},
	{"2025-04-21", easterMonday},
	{"2025-05-05", earlyMay},
	{"2025-05-26", springHoliday},
	{"2025-08-25", summerHoliday},
	{"2025-12-25", christmasDay},
	{"2025-12-26", boxingDay},

	// 2026: Easter Sunday 5 April; Boxing Day Saturday.
	{"2026-01-01", newYearsDay},
	{"2026-04-03", goodFriday},
	{"2026-04-06", easterMonday},
	{"2026-05-04", earlyMay},
	{"2026-05-25", springHoliday},
	{"2026-08-31", summerHoliday},
	{"2026-12-25", christmasDay},
	{"2026-12-28", boxingDay + substituteLabel},

	// 2027: Easter Sunday 28 March; Christmas Day Saturday.
	{"2027-01-01", newYearsDay},
	{"2027-03-26", goodFriday},
	{"2027-03-29", easterMonday},
	{"2027-05-03", earlyMay},
	{"2027-05-31", springHoliday},
	{"2027-08-30", summerHoliday},
	{"2027-12-27", christmasDay + substituteLabel},
	{"2027-12-28", boxingDay + substituteLabel},

	// 2028: New Year's Day Saturday; Easter Sunday 16 April.
	{"2028-01-03", newYearsDay + substituteLabel},
	{"2028-04-14", goodFriday},
	{"2028-04-17", easterMonday},
	{"2028-05-01", earlyMay},
	{"2028-05-29", springHoliday},
	{"2028-08-28", summerHoliday},
	{"2028-12-25", christmasDay},
	{"2028-12-26", boxingDay},

	// 2029: Easter Sunday 1 April.
	{"2029-01-01", newYearsDay},
	{"2029-03-30", goodFriday},
	{"2029-04-02", easterMonday},
	{"2029-05-07", earlyMay},
	{"2029-05-28", springHoliday},
	{"2029-08-27", summerHoliday},
	{"2029-12-25", christmasDay},
	{"2029-12-26", boxingDay},

	// 2030: Easter Sunday 21 April.
	{"2030-01-01", newYearsDay},
	{"2030-04-19", goodFriday},
	{"2030-04-22", easterMonday},
	{"2030-05-06", earlyMay},
	{"2030-05-27", springHoliday},
	{"2030-08-26", summerHoliday},
	{"2030-12-25", christmasDay},
	{"2030-12-26", boxingDay},
}
