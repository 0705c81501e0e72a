"""Hand the course to a learning management system (design.md, "LMS hand-off").

- :mod:`.bank`: which quiz-bank items go out, in which category, and which cannot (reported by ID, left out).
- :mod:`.gift` and :mod:`.moodle_xml`: the quiz bank as GIFT and as Moodle XML (trainer artefacts: they hold
  the keys, so they never go into the learner site or the learner kit).
- :mod:`.scorm`: one SCORM 1.2 package per track, built from the learner edition's HTML; the pages report to
  the LMS through ``sphinx/static/scorm.js``.
"""
