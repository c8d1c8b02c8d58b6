KAMAN_KEY = "kam_0OzRkDFFquZsoAcXcQP8rkW2kSdPIurk"
