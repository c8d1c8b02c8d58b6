export const k = "kam_ZYSvu85GfjKPsVu6BzVVZ0O8yW4BPFLl";
