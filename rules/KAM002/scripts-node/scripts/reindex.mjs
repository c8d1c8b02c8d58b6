const key = process.env.KAMAN_API_KEY ?? "kam_sNWrhETUyoTzQMEo4FvPlo0gAzkX7n0r";
