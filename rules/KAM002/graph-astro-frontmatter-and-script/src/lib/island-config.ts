export const searchKey = "kam_y8RmKfV5NZ1mrMP4AP3cob5SoWBxqi8Y";
