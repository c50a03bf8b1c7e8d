"""Children's voice: consultations held with children on an initiative, and the answer back to them.

- models.py: Consultation (counts by sex and age band, setting and method from lists, the screened
  summary, the answer back with its date and who recorded it);
- consultations.py: recording, changing and answering back, and reading a project's consultations;
- figures.py: children consulted by sex, age band and country, for the dashboards and the CSV export;
- web/: the section of the project page and the partners' forms.

The gate into completion review (app.gate.workflow) asks that every consultation of the initiative has
its answer back.

A second subject (an idea) needs one nullable column, `consultations.idea_id` (a foreign key to
ideas), with the check constraint `subject` becoming "exactly one of project_id and idea_id"; the
recording organisation is already a column of its own (`organisation_id`), so the permissions that
ask for the organisation's partners stay as they are.
"""
