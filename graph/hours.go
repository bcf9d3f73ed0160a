package graph

import (
	"fmt"
	"time"

	"kite/graph/model"
	"kite/internal/apierr"
	"kite/internal/workhours"
)

// dayNames are the API's days of the week, by Go's.
var dayNames = [7]model.Weekday{
	time.Sunday: model.WeekdaySunday, time.Monday: model.WeekdayMonday, time.Tuesday: model.WeekdayTuesday,
	time.Wednesday: model.WeekdayWednesday, time.Thursday: model.WeekdayThursday, time.Friday: model.WeekdayFriday,
	time.Saturday: model.WeekdaySaturday,
}

// weekdays are Go's days of the week, by the API's.
var weekdays = func() map[model.Weekday]time.Weekday {
	m := map[model.Weekday]time.Weekday{}
	for d, name := range dayNames {
		m[name] = time.Weekday(d)
	}
	return m
}()

// week reads the days of an input as a working week; a time that is not
// "HH:MM" is BAD_USER_INPUT naming it. internal/availability checks the rest.
func week(in []*model.WorkingDayInput) (workhours.Week, error) {
	w := make(workhours.Week, 0, len(in))
	for i, d := range in {
		start, err := workhours.ParseClock(d.Starts)
		if err != nil {
			return nil, apierr.BadInput(fmt.Sprintf("days[%d].starts", i), "Please write the time as HH:MM, for example 09:00.")
		}
		end, err := workhours.ParseClock(d.Ends)
		if err != nil {
			return nil, apierr.BadInput(fmt.Sprintf("days[%d].ends", i), "Please write the time as HH:MM, for example 17:00.")
		}
		w = append(w, workhours.Day{Weekday: weekdays[d.Day], Start: start, End: end})
	}
	return w, nil
}

// workingDays shows a working week; nil when it is empty (not known).
func workingDays(w workhours.Week) []*model.WorkingDay {
	if len(w) == 0 {
		return nil
	}
	out := make([]*model.WorkingDay, 0, len(w))
	for _, d := range w.Sorted() {
		out = append(out, &model.WorkingDay{Day: dayNames[d.Weekday], Starts: workhours.FormatClock(d.Start), Ends: workhours.FormatClock(d.End)})
	}
	return out
}
