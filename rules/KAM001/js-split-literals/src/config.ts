export const KEY = ("kam_" + "NzWvMSzhIYxEVIMY11NxHDVceczAeLTN") as const;
export const OTHER = "".concat("kam_", "EU6dqKPOLGaN9EsDKXS7UEBzNPBEz8ny") satisfies string;
