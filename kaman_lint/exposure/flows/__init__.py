"""Server-to-client flows found inside one file: each module adds `facts.EXPOSURE` facts (and
template renders) to a file's facts after its reader ran."""
