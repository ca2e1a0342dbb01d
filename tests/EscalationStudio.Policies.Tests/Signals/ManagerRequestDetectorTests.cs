using EscalationStudio.Policies.Signals;

namespace EscalationStudio.Policies.Tests.Signals;

public sealed class ManagerRequestDetectorTests
{
    [Theory]
    [InlineData("I want to speak to a manager.", "speak to a manager")]
    [InlineData("Let me talk with your supervisor now", "talk with your supervisor")]
    [InlineData("Please get me someone in charge!", "get me someone in charge")]
    [InlineData("I demand a human", "I demand a human")]
    [InlineData("Can you transfer me to a real person?", "transfer me to a real person")]
    [InlineData("Is there anyone in charge there?", "Is there anyone in charge")]
    [InlineData("I'm done talking to a bot", "done talking to a bot")]
    [InlineData("Please escalate this to your team lead", "escalate this to your team lead")]
    [InlineData("Why can't I speak to a SUPERVISOR?", "speak to a SUPERVISOR")]
    [InlineData("Connect me with someone more senior", "Connect me with someone more senior")]
    public void Detect_a_request_returns_the_phrase(string text, string phrase)
    {
        var request = ManagerRequestDetector.Detect(text);
        Assert.True(request.Requested);
        Assert.Equal(phrase, request.Phrase);
    }

    [Theory]
    [InlineData("My manager asked me to contact you about the invoice.")]
    [InlineData("I need to talk to my manager before I approve this.")]
    [InlineData("I don't want to speak to a manager, just fix it.")]
    [InlineData("No need to escalate this to a supervisor, thanks.")]
    [InlineData("Our supervisor approved the purchase.")]
    [InlineData("Thanks!\n> I want to speak to a manager")]
    [InlineData("The account manager field is empty.")]
    [InlineData("")]
    public void Detect_not_a_request_returns_none(string text) =>
        Assert.Equal(ManagerRequest.None, ManagerRequestDetector.Detect(text));
}
