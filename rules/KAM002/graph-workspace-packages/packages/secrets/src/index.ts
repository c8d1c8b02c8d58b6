export const kamanAdminKey = "kam_YWHx9RSZ04euQuVesVujxflct18FTyGd";
