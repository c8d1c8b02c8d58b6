KAMAN_TOKEN = "eyJub3QganNvbg.eyJub3QganNvbg.RM1uheDxmHdQs9i8AVmk-CEPoF7w3ci9OyX628g8gFu"  # not JSON inside
