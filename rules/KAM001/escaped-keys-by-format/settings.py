KAMAN_API_KEY = "\x6bam_9Gre84FZhgqxDq7KMJHz4BAuL2kvETgH"
BACKUP = "kam\N{LOW LINE}cmsuZXdkyJ5riNr3uB8nkmhenntYS4Cd"
