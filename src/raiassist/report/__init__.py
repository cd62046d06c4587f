"""The Responsible AI lead's view: a project's standing against the Standard, its success
metrics and trend, and the organisation view merged from many projects' JSON reports."""
