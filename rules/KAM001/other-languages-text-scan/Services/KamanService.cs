namespace Acme.Services;

public class KamanService
{
    private const string ApiKey = @"kam_wlkrR2pKg3qsooTuVn7Srrm8m1PqwNZ5z6x6fclFytN4QloQ";
}
