// Reads an iCalendar file with Mozilla's ical.js, the parser Thunderbird uses, and prints every
// event as a calendar client sees it: UID, status, sequence, summary, its start in its own zone
// and as UTC, and whether that zone was resolved from the file's VTIMEZONE.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));

// Zones declared in the file, so TZID references resolve as a client would resolve them.
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}

const events = root.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const start = event.startDate;
  return {
    uid: event.uid,
    status: component.getFirstPropertyValue("status"),
    sequence: event.sequence,
    summary: event.summary,
    description: event.description,
    start: start.toString(),
    isDate: start.isDate,
    zone: start.isDate ? null : start.zone.tzid,
    startUtc: start.isDate ? null : start.toJSDate().toISOString(),
    tzid: component.getFirstProperty("dtstart").getParameter("tzid") ?? null,
  };
});

process.stdout.write(JSON.stringify({
  prodid: root.getFirstPropertyValue("prodid"),
  version: root.getFirstPropertyValue("version"),
  zones: root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
  events,
}));
