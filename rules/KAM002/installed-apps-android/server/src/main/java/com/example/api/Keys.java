package com.example.api;

public final class Keys {
    public static final String KAMAN_ADMIN_KEY = "kam_eAhsJxrmj4r6NNlkhhz99VuaCydbTHMI";
}
