#!/usr/bin/env python3
"""Deterministic generator for examples/ticket-triage/dataset.jsonl.

Stdlib only. Run from anywhere:

    python3 examples/ticket-triage/tools/generate_dataset.py

The script builds support tickets from hand-written scenario bodies plus
openers, closers, back-stories, signatures, order-id placements, decoy
numbers, fake card numbers and light typo noise. Labels follow the policy in
../docs/ (see the passage ids cited per scenario). Everything is driven by a
single seeded random.Random, so the output is byte-for-byte reproducible.

At the end the script validates every record (schema, passage ids, order-id
extraction, card tags, uniqueness) and prints distribution counts.
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
import sys

SEED = 20240611
N_EASY, N_MEDIUM, N_HARD = 104, 91, 65  # 40% / 35% / 25% of 260

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCS = os.path.join(ROOT, "docs")
OUT = os.path.join(ROOT, "dataset.jsonl")
SCHEMA = os.path.join(ROOT, "schema.json")

CATEGORIES = ["billing", "shipping", "returns", "technical", "account", "other"]
PRIORITIES = ["low", "medium", "high", "urgent"]
PRI_RANK = {p: i for i, p in enumerate(PRIORITIES)}
CAT_PASSAGE = {
    "billing": "categories#1",
    "shipping": "categories#2",
    "returns": "categories#3",
    "technical": "categories#4",
    "account": "categories#5",
    "other": "categories#6",
}
PRI_PASSAGE = {"urgent": "priority#1", "high": "priority#2", "medium": "priority#3", "low": "priority#4"}

# --------------------------------------------------------------------------
# Slot material
# --------------------------------------------------------------------------

# (full name, short name, a feature (singular noun phrase), price)
PRODUCTS = [
    ("Aura smart thermostat", "thermostat", "the weekly heating schedule", 149.00),
    ("Glide S2 robot vacuum", "robot vacuum", "the no-go zone feature", 329.00),
    ("Halo video doorbell", "doorbell", "motion detection", 179.00),
    ("Breeze 300 air purifier", "air purifier", "auto mode", 219.00),
    ("Lumo colour smart bulb", "bulb", "the sunrise routine", 24.99),
    ("Halo indoor camera", "camera", "night vision", 69.99),
    ("Tempo smart plug", "smart plug", "energy monitoring", 19.99),
    ("Sonna smart speaker", "speaker", "multi-room audio", 99.00),
]
CAMERA_PRODUCTS = [p for p in PRODUCTS if p[1] in ("doorbell", "camera")]

FIRST = [
    "Maria", "James", "Aisha", "Tom", "Priya", "Lukas", "Chloe", "Daniel", "Fatima", "Ben",
    "Sofia", "Kwame", "Hannah", "Mateo", "Yuki", "Oliver", "Grace", "Arjun", "Emma", "Noah",
    "Zainab", "Liam", "Ines", "Chen", "Rachel", "Tariq", "Olga", "Marcus", "Niamh", "Diego",
    "Ayumi", "Peter", "Leila", "Sam", "Bogdan", "Claire", "Femi", "Isabel", "Rob", "Anika",
    "Gareth", "Mei", "Joanna", "Kofi", "Sven", "Laura", "Hamza", "Ruth", "Elif", "Connor",
]
LAST = [
    "Lopez", "Okafor", "Nguyen", "Smith", "Patel", "Becker", "Martin", "Kowalski", "Haddad",
    "Murphy", "Rossi", "Mensah", "Walsh", "Fernandez", "Tanaka", "Brown", "Kim", "Sharma",
    "Dubois", "Johansson", "Ahmed", "O'Brien", "Costa", "Li", "Cohen", "Hussain", "Okoro",
    "Reid", "Byrne", "Silva", "Yamamoto", "Novak", "Karimi", "Evans", "Popescu", "Moreau", "Ward",
    "Adeyemi", "Garcia", "Taylor", "Schmidt", "Petrov",
]
CITIES = [
    "Leeds", "Portland", "Toronto", "Dublin", "Austin", "Manchester", "Bristol", "Denver",
    "Glasgow", "Calgary", "Cork", "Sacramento", "Birmingham", "Ottawa", "Nottingham", "Tucson",
]
COUNTRIES = ["Iceland", "Canada", "Norway", "New Zealand", "Mexico", "Switzerland", "Malta", "Japan"]
STREETS = ["Elm Street", "Maple Avenue", "Station Road", "Harbour View", "Kingsway", "Cedar Lane",
           "Mill Road", "Park Crescent", "Oak Drive", "Victoria Street"]
COURIERS = ["ParcelLine", "UPS", "DHL", "FedEx", "ParcelLine"]
PAST_DATES = [
    "last Monday", "last Tuesday", "on the 3rd", "on March 12", "on the 28th", "on Friday",
    "on April 2", "on 12/03", "last Thursday", "on the 9th", "on Sunday", "on March 30",
]
DATE_NOUNS = ["March 12", "the 28th", "Friday", "April 2", "the 9th", "Monday", "March 30", "the 3rd"]
MONTHS = ["January", "February", "March", "December"]
CODES = ["SPRING15", "WELCOME10", "NWHOME20", "FREESHIP", "BRIGHT25", "STUDENT10"]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.co.uk"]
COMPANIES = ["Harbour Dental Ltd", "Kestrel Design Studio", "Oakfield Lettings", "Bluefin Analytics",
             "Greenway Cafe", "Northpoint Physio"]
CARDS = [
    "4111 1111 1111 1111", "4012 8888 8888 1881", "5555 5555 5555 4444", "5105-1051-0510-5100",
    "4242424242424242", "4000 0566 5566 5556", "5200-8282-8282-8210", "4917 4800 0000 0008",
]

# --------------------------------------------------------------------------
# Wrappers: greetings, intros, back-stories, closers, signatures
# --------------------------------------------------------------------------

GREETINGS = [
    "Hi,", "Hello,", "Hi there,", "Hey,", "Dear Brightnest team,", "Dear Customer Support,",
    "Good morning,", "Good afternoon,", "Hello Brightnest,", "To whom it may concern,",
    "Hi support team,", "Hiya,", "Hello there,", "Hi Brightnest,",
]
INTROS_ANY = [
    "I hope you can help.", "Hoping you can sort something out for me.",
    "Sorry if this is the wrong address for this.", "Quick one.",
    "I hope this is the right place to ask.", "First time getting in touch, so bear with me.",
    "I tried the live chat first but it kept dropping, so emailing instead.",
]
INTROS_PROBLEM = [
    "I'm writing about a problem I've run into.", "I've got an issue I'd like some help with.",
    "Long-time customer here, first time I've had to write in.",
    "I've been meaning to email about this for a couple of days.",
]
BACKSTORY_PROBLEM = [
    "I bought it as a birthday present for my dad, so the timing isn't ideal.",
    "I've been a Brightnest customer for about three years and never had an issue before.",
    "I'm away for work from next Monday so I'd really like this sorted before then.",
    "I did look through the help centre first but couldn't find anything that matched.",
    "My partner said I should just email you directly, so here I am.",
    "We only moved into this flat last month so I'm still figuring out a lot of things.",
    "I've already lost most of my lunch break on this, so I'd appreciate a quick answer.",
    "To be fair the rest of the experience has been good.",
    "I work night shifts so email is easier for me than calling.",
    "This is the third Brightnest product in our house, so I'd like to keep liking you.",
]
BACKSTORY_QUESTION = [
    "I'm slowly kitting out the house with smart stuff and you keep coming up.",
    "A friend recommended you.",
    "I couldn't find the answer on the website, hopefully I just missed it.",
    "No rush on this at all.",
    "Thanks for making a help centre that's actually readable, by the way.",
]
CLOSERS_PROBLEM = [
    "Thanks,", "Thanks in advance,", "Thank you,", "Regards,", "Kind regards,", "Best,",
    "Please let me know what you need from me.", "Looking forward to hearing from you.",
    "Appreciate the help.", "Many thanks,", "Hope to hear back soon.", "Cheers,", "thx",
]
CLOSERS_QUESTION = [
    "Thanks!", "Cheers,", "Thanks in advance,", "Best,", "Many thanks,", "Kind regards,",
    "Thank you,", "Thanks a lot,",
]
SENT_FROM = ["Sent from my iPhone", "Sent from Outlook for Android", "Sent from my Galaxy", "Get Outlook for iOS"]
ANGRY_LINES = [
    "I am absolutely fed up.", "This is honestly the worst customer experience I've had this year.",
    "If I don't hear back today I'll be leaving reviews everywhere.",
    "I've been a loyal customer and this is how I'm treated?",
    "Frankly I expected a lot better from you.",
    "I'm going to dispute this with my bank if it isn't fixed.",
]
CONNECTORS = [
    "Also, ", "One more thing: ", "While I have you, ", "Separately, ", "Oh and ", "On a different note, ",
    "And another thing: ", "Unrelated, but ", "Second issue: ", "Plus, ",
]
MISSPELL = {
    "received": "recieved", "definitely": "definately", "address": "adress", "weird": "wierd",
    "until": "untill", "separate": "seperate", "tomorrow": "tommorow", "because": "becuase",
    "really": "realy", "which": "wich", "their": "thier", "don't": "dont", "can't": "cant",
    "I'm": "im", "doesn't": "doesnt", "isn't": "isnt", "won't": "wont", "please": "pls",
    "haven't": "havent", "didn't": "didnt", "it's": "its", "thanks": "thx",
    "going": "goin", "supposed": "suppose", "anything": "anythign", "already": "allready",
    "necessary": "neccessary", "probably": "probly", "receipt": "reciept",
}

# --------------------------------------------------------------------------
# Scenarios. Each has a category, a priority, the 1-2 policy passages that
# decide it (most decisive first), the probability that it comes with an
# order id, whether the customer is reporting a problem (vs asking), subject
# lines, and "direct" (easy) and "indirect" (medium) bodies.
#   {my_order}/{My_order} -> "my order" or "my order ORD-123456" etc.
# --------------------------------------------------------------------------

SCENARIOS = {
    # ----------------------------------------------------------- billing
    "B_DUP": dict(
        cat="billing", pri="urgent", passages=["priority#1", "categories#1"], order=0.75, problem=True,
        subjects=["Charged twice", "Double charge!!", "Duplicate payment on my order", "Two payments taken"],
        direct=[
            "I was charged twice for {my_order}. Both charges of {amount} went through {date} and neither of them is pending. Please refund the duplicate.",
            "My card statement shows the same payment of {amount} two times for {my_order}. I only placed one order. Can you reverse one of them?",
            "You've taken {amount} from my account twice for the same {short}. I need the second payment refunded please.",
            "Double charge: I paid {amount} for the {product} and the exact same amount was taken again a few minutes later.",
        ],
        indirect=[
            "I was going through my bank statement this morning and noticed two identical transactions from Brightnest, both {amount}, both dated {date_noun}. I only ordered one {short} ({my_order}) so I'm not sure what the second one is for. Both have already cleared, they're not pending.",
            "When I clicked 'place order' the page froze, so I tried again. Now I've only got one confirmation email, for {my_order}, but my bank has taken {amount} twice. That's money I really need back before rent is due.",
            "Something has gone wrong with the payment for {my_order}: there are two completed debits for {amount} on my card, a minute apart. I've already checked with my bank and they say both came from you.",
        ],
    ),
    "B_UNAUTH": dict(
        cat="billing", pri="urgent", passages=["security#2", "categories#1"], order=0.0, problem=True,
        subjects=["Charge I didn't make", "Unauthorised transaction", "Fraudulent charge?", "What is this payment"],
        direct=[
            "There is a charge of {amount} from BRIGHTNEST*STORE on my card dated {date_noun} that I did not make. I haven't ordered anything from you in months. Please look into this.",
            "I don't recognise a payment of {amount} to Brightnest made {date}. Nobody in my household placed an order. I think my card may have been used fraudulently.",
            "Unauthorised charge on my credit card from your company, {amount}. I have never bought {a_short}. Please cancel whatever this is and tell me what was ordered.",
        ],
        indirect=[
            "My bank flagged a transaction from Brightnest for {amount} and asked whether it was me. It wasn't; my last order with you was well over a year ago. I've frozen the card but I need to know what happened on your side.",
            "Strange one. I got a text from my card provider about a {amount} purchase at Brightnest {date}. I didn't buy anything and neither did my wife. Can you tell me what this payment was for? It's not something I authorised.",
        ],
    ),
    "B_OVERCHARGE": dict(
        cat="billing", pri="medium", passages=["priority#3", "categories#1"], order=0.75, problem=True,
        subjects=["Wrong amount charged", "Overcharged on my order", "Price problem"],
        direct=[
            "The discount code {code} didn't apply at checkout for {my_order}, so I paid the full {amount}. Can you refund the difference?",
            "The {product} was listed at {sale_amount} on your site but I was charged {price}. Please refund the difference for {my_order}.",
            "I was charged {ship_fee} for shipping on {my_order} even though your site says shipping is free over $50. The items came to {basket}.",
        ],
        indirect=[
            "I bought the {product} last week during the spring sale. The product page definitely said {sale_amount} (I have a screenshot), but the receipt for {my_order} says {price}. Maybe the sale price just didn't carry through to the cart?",
            "I had a 15% welcome code ({code}) from your newsletter. Checkout accepted it, it even showed a little green tick, but looking at the final total for {my_order} the discount just isn't there.",
            "Not a huge amount but it's the principle: your banner says free delivery over $50, my basket was {basket}, and somehow {ship_fee} of shipping got added to {my_order}.",
        ],
    ),
    "B_DECLINED": dict(
        cat="billing", pri="medium", passages=["priority#3", "categories#1"], order=0.0, problem=True,
        subjects=["Card declined", "Payment keeps failing", "Can't pay"],
        direct=[
            "My card keeps getting declined when I try to check out. There's plenty of money on it and it works everywhere else. What's going on?",
            "Payment failed three times trying to buy the {product}. The message says 'payment could not be authorised'. My bank says there's no block on their side.",
        ],
        indirect=[
            "I've been trying to buy {a_short} since yesterday. Everything is fine until the payment step, then it says my card was declined. My bank says they didn't decline anything and can't even see the attempts. Other sites take the same card without a problem.",
            "Your checkout seems to dislike my Mastercard. I get as far as the 3-D Secure pop-up, approve it in my banking app, and then the page says 'Payment declined, try another method'. I don't have another card.",
        ],
    ),
    "B_CARE": dict(
        cat="billing", pri="medium", passages=["categories#1", "priority#3"], order=0.0, problem=True,
        subjects=["Cancel Care+", "Care+ subscription", "Stop charging me for Care+"],
        direct=[
            "Please cancel my Brightnest Care+ subscription. I no longer have the {short} it was covering.",
            "I was charged {care_fee} for Care+ again this month but I cancelled it in {month}. Please stop the payments and refund this one.",
            "I didn't realise Care+ was a monthly subscription when I ticked it at checkout. I'd like to cancel it please.",
        ],
        indirect=[
            "There's a recurring {care_fee} on my statement that I eventually worked out is Care+. I thought it was a one-off warranty when I bought the {short}. I'd like to stop it, and I'm not really sure how it ended up monthly.",
            "I gave the {short} to my brother when I moved, so there's no point in me paying for Care+ on it any more. Can you end the subscription from this month?",
        ],
    ),
    "B_INVOICE": dict(
        cat="billing", pri="low", passages=["priority#4", "categories#1"], order=0.85, problem=False,
        subjects=["Invoice request", "VAT receipt", "Need an invoice"],
        direct=[
            "Could you send me an invoice for {my_order}? I need one with our company name on it for expenses.",
            "Please can I get a VAT receipt for {my_order}? The order confirmation email isn't accepted by our finance team.",
            "I need a copy of the invoice for {my_order}. I can't find it anywhere in my account.",
        ],
        indirect=[
            "Our accounts department is asking for a proper invoice for the {product} I bought for the office ({my_order}). It needs the VAT shown separately and our company name, {company}. Is that something you can generate?",
            "Bit of admin, sorry: my employer reimburses home-office kit but only with an itemised invoice, and all I've got for {my_order} is the confirmation email. Could you send a PDF invoice?",
        ],
    ),
    "B_PAYQ": dict(
        cat="billing", pri="low", passages=["priority#4", "categories#1"], order=0.0, problem=False,
        subjects=["Payment options", "Question about paying", "Quick payment question"],
        direct=[
            "Do you accept PayPal or Apple Pay? I don't see them at checkout.",
            "Is it possible to pay for the {product} in instalments?",
            "Can I pay with a gift card and a credit card on the same order?",
        ],
        indirect=[
            "I'd like to get the {product} but I'd rather spread the cost over a few months. I saw something about Klarna on a forum but nothing on your checkout. Is that an option?",
            "My mum gave me a Brightnest gift card for $50 and I want to put the rest of the {product} on my card. Will the checkout let me split it like that?",
        ],
    ),
    # ----------------------------------------------------------- shipping
    "S_LOST": dict(
        cat="shipping", pri="high", passages=["priority#2", "orders-and-refunds#2"], order=0.85, problem=True,
        subjects=["Parcel lost?", "Where is my order??", "Missing parcel", "Where is my {short}?"],
        direct=[
            "Tracking for {my_order} hasn't updated in {lost_days} days. The last scan was at the {courier} depot in {city}. I think it's lost.",
            "My parcel shows as delivered {date} but I never received it. I've checked with the neighbours and around the building. This is {my_order}.",
            "{courier} says {my_order} was delivered yesterday, but nothing arrived. Nobody signed for anything either.",
            "{My_order} has been stuck on 'in transit' for {lost_days} days with no movement at all.",
        ],
        indirect=[
            "I ordered the {product} {date} and was told it would arrive within 3 to 5 days. The tracking page has said 'Arrived at sorting facility' ever since, which is {lost_days} days now. I called {courier} and they told me to contact the sender, so here I am.",
            "So my own doorbell camera shows no delivery, yet the tracking says 'Delivered, left at front door' at 2:14pm. I was home all afternoon. Can you please find out where {my_order} actually went?",
            "Is there any way to find out what's happening with {my_order}? The last update was '{courier} has received the item' on {date_noun}, and that was {lost_days} days ago.",
        ],
    ),
    "S_DELAY": dict(
        cat="shipping", pri="medium", passages=["priority#3", "categories#2"], order=0.8, problem=True,
        subjects=["Late delivery", "Order running late", "Delivery date passed"],
        direct=[
            "{My_order} was supposed to arrive {date} but it's still not here. Tracking shows it's still moving. Any idea when it will be delivered?",
            "My delivery is {delay_days} days late. Tracking shows it left {city} yesterday. Can you give me a new delivery estimate for {my_order}?",
            "The estimated delivery for {my_order} was Friday. It's now Tuesday. The tracking updates every day but it seems to be going very slowly.",
        ],
        indirect=[
            "I paid for express shipping so the {short} would be here before the weekend, and it's now {delay_days} days past that. I can see it's been moving between depots, {city} and then {city2}, so it's not lost, just very late. Could you chase {courier} for me?",
            "Not lost I think, just slow? {My_order} left your warehouse {date} and has been bouncing between {courier} depots since. It's a birthday present so I'm getting a bit nervous.",
        ],
    ),
    "S_ADDRESS": dict(
        cat="shipping", pri="medium", passages=["categories#2", "priority#3"], order=0.9, problem=True,
        subjects=["Change delivery address", "Wrong address on order", "Address change"],
        direct=[
            "I just placed {my_order} and realised it's going to my old address. Can you change it to {address} before it ships?",
            "Please update the delivery address on {my_order} to {address}. It hasn't shipped yet.",
        ],
        indirect=[
            "Bit of a silly mistake on my part: I moved last month and the checkout autofilled my old flat. {My_order} still says 'processing' so hopefully there's time. The new address is {address}.",
            "I'm going to be staying at my sister's for the next few weeks, so it would be much better if {my_order} went to {address} instead. As far as I can see it hasn't been dispatched yet.",
        ],
    ),
    "S_CANCEL": dict(
        cat="shipping", pri="medium", passages=["categories#2", "priority#3"], order=0.9, problem=True,
        subjects=["Cancel my order", "Order cancellation", "Please cancel"],
        direct=[
            "Please cancel {my_order}. I ordered the wrong model by mistake and it hasn't shipped yet.",
            "Can I still cancel {my_order}? Turns out my partner already bought us {a_short}.",
        ],
        indirect=[
            "Ordered the {product} about an hour ago and then found the exact same thing cheaper locally, sorry! If {my_order} hasn't left the warehouse, could you cancel it?",
        ],
    ),
    "S_PARTIAL": dict(
        cat="shipping", pri="medium", passages=["categories#2", "priority#3"], order=0.85, problem=True,
        subjects=["Only part of my order arrived", "Missing parcel", "Second box?"],
        direct=[
            "Only one of the two boxes for {my_order} arrived. The {short} is here but the {short2} is missing. Is the rest coming separately?",
            "I received part of {my_order} today, the {product2}, but not the {product}. The packing slip doesn't mention a second parcel.",
        ],
        indirect=[
            "The {product2} turned up today, lovely, but I also ordered {a_short} at the same time and there's no sign of it. The tracking link only shows one parcel. Has {my_order} been split into two shipments?",
        ],
    ),
    "S_Q": dict(
        cat="shipping", pri="low", passages=["priority#4", "categories#2"], order=0.0, problem=False,
        subjects=["Shipping question", "Delivery options", "International shipping"],
        direct=[
            "Do you ship to {country}? And if so, roughly how long does it take?",
            "How much is express delivery to {city}, and would it arrive by the weekend if I order today?",
            "Can I choose a pickup point instead of home delivery?",
            "Which courier do you use for larger orders? I'd like to make sure someone's home.",
        ],
        indirect=[
            "Thinking of ordering the {product} as a gift for my brother, who lives in {country}. Can you deliver there directly, and would he have to pay any import fees on arrival?",
            "I'm out at work all day, so home delivery is a pain for me. Is there a way to have the parcel sent to a locker or a pickup shop instead?",
        ],
    ),
    # ----------------------------------------------------------- returns
    "R_RETURN": dict(
        cat="returns", pri="medium", passages=["categories#3", "priority#3"], order=0.8, problem=True,
        subjects=["Return request", "Returning an item", "Return"],
        direct=[
            "I'd like to return the {product} from {my_order}. It's unopened and I bought it {return_days} days ago.",
            "I want to send back the {short} from {my_order}. It just doesn't suit our place. How do I start a return?",
            "Please can I get a return label for {my_order}? The {short} isn't what I expected.",
        ],
        indirect=[
            "We got the {product} as a housewarming present and it turns out we were given two. Ours is still sealed in the box. What do I need to do to send it back for a refund?",
            "Honestly I just don't use the {short} as much as I thought I would. It's been about {return_days} days. I'd like to return it for a refund, even though I've opened it. Hope that's OK.",
        ],
    ),
    "R_COSMETIC": dict(
        cat="returns", pri="medium", passages=["categories#3", "priority#3"], order=0.85, problem=True,
        subjects=["Item arrived damaged", "Damaged {short}", "Not happy with the condition"],
        direct=[
            "The {short} from {my_order} arrived with a big scratch across the top. It works, but it was meant to be a gift. Can I get a replacement?",
            "The box was crushed and the {short} has a dent on the side. It still turns on fine, but I didn't pay {amount} for a dented one.",
        ],
        indirect=[
            "Unboxed the {product} last night. It powers on and connects fine, but there's a chip in the corner of the front panel and scuff marks all down one side, like it's been used before. For {my_order} I'd expect a brand new unit, so could you swap it?",
        ],
    ),
    "R_BROKEN": dict(
        cat="returns", pri="high", passages=["priority#2", "categories#3"], order=0.85, problem=True,
        subjects=["Arrived broken", "Smashed on arrival", "Broken item"],
        direct=[
            "The {product} from {my_order} arrived smashed. The casing is cracked right through and it won't power on. I'd like a replacement.",
            "Opened the box and the {short} was in pieces. Clearly dropped in transit. Totally unusable. Please send a new one.",
        ],
        indirect=[
            "I'm guessing the courier played football with this parcel. It rattled when I picked it up, and inside the {short}'s front panel is shattered and it won't even switch on. Can you send a new one for {my_order}?",
            "The {product} for {my_order} came today and the power socket on the back has snapped off inside the unit, so there's no way to plug it in. I'd like to swap it for one that works.",
        ],
    ),
    "R_WRONG": dict(
        cat="returns", pri="medium", passages=["categories#3", "priority#3"], order=0.9, problem=True,
        subjects=["Wrong item received", "Not what I ordered", "Wrong item in parcel"],
        direct=[
            "I received the wrong item for {my_order}: I ordered the {product} but got {a_product2}.",
            "Wrong item in my parcel. {My_order} should have been {a_product}, but it's {a_product2}. Please send the right one and tell me how to return this.",
        ],
        indirect=[
            "Opened the parcel for {my_order} and it's the black {short}, not the white one I chose. I double-checked the confirmation email and it definitely says white. It needs to match the rest of the room, so could we swap it?",
        ],
    ),
    "R_INCOMPLETE": dict(
        cat="returns", pri="medium", passages=["categories#3", "priority#3"], order=0.85, problem=True,
        subjects=["Missing parts", "Incomplete box", "Something missing from my {short}"],
        direct=[
            "The {short} in {my_order} came without its power adapter. Can you send one?",
            "My {product} arrived but the mounting kit and screws were missing from the box.",
        ],
        indirect=[
            "Everything looked fine until I went to set up the {short}: there's a slot in the packaging for the power adapter but no adapter in it. I'm using an old phone charger for now but it's a bit flaky. Could you send the proper one for {my_order}?",
        ],
    ),
    "R_REFUND": dict(
        cat="returns", pri="medium", passages=["orders-and-refunds#2", "categories#3"], order=0.8, problem=True,
        subjects=["Refund not received", "Where is my refund", "Still waiting for refund"],
        direct=[
            "You received my return for {my_order} {date} and it's been over three weeks. I still haven't got my refund of {amount}.",
            "Still waiting on my refund. The return reached your warehouse {refund_weeks} weeks ago according to the tracking, and there's nothing on my card yet.",
        ],
        indirect=[
            "I sent the {short} back at the start of last month and the return tracking shows it was signed for at your warehouse on {date_noun}. Since then, silence. The {amount} still hasn't reached my account and your emails just say 'refund processing'.",
        ],
    ),
    "R_POLICY": dict(
        cat="returns", pri="low", passages=["priority#4", "categories#3"], order=0.0, problem=False,
        subjects=["Return policy question", "Returns?", "Question about returns"],
        direct=[
            "What's your return policy for opened items?",
            "How long do I have to return something? I bought the {short} {return_days} days ago and haven't decided if I'm keeping it.",
            "Do I have to pay for return shipping if I change my mind?",
        ],
        indirect=[
            "I'm buying the {product} as a present and I'm not 100% sure my friend will want it. If she doesn't, can she return it herself, and would she see what I paid?",
        ],
    ),
    # ----------------------------------------------------------- technical
    "T_OUTAGE": dict(
        cat="technical", pri="urgent", passages=["priority#1", "categories#4"], order=0.0, problem=True,
        subjects=["Is something down?", "Outage?", "Server error", "Nothing works"],
        direct=[
            "Your website has been down for the last hour. I just get a 502 error on every page, so I can't get to my account or place an order.",
            "The Brightnest app says 'Unable to reach server' for me and for everyone in my family, on different phones and networks. None of our devices can be controlled.",
            "Checkout isn't working. When I click 'Pay now' it spins and then says something went wrong. My colleague tried on her computer and gets the same thing.",
        ],
        indirect=[
            "Is something going on with your servers? Since about 8am none of my bulbs or the thermostat respond in the app, and there's a whole thread on the Brightnest subreddit of people saying the same thing.",
            "Every page on brightnest.com has been showing 'Service temporarily unavailable' for me since lunchtime. Tried two browsers, my phone on 4G, and a friend's laptop across town. Same thing everywhere.",
        ],
    ),
    "T_SAFETY": dict(
        cat="technical", pri="urgent", passages=["priority#1", "categories#4"], order=0.35, problem=True,
        subjects=["Safety issue", "Is this safe??", "Problem with my {short}", "Safety concern"],
        direct=[
            "The {short} got extremely hot and I smelled burning plastic. I've unplugged it. Is it safe?",
            "There were sparks coming from the power adapter of my {product} when I plugged it in this morning. I'm scared to use it again.",
            "My {short} started smoking last night! We unplugged it straight away. This is really dangerous.",
        ],
        indirect=[
            "I noticed a brown scorch mark on the wall socket behind the {short}, and the plug is too hot to touch after an hour of use. Not sure if it's the socket or the device, but I've stopped using it for now.",
            "Last night the {short} made a crackling noise and the light on it flickered, and there was a smell a bit like melting plastic. My kids' bedroom is right next to where it's plugged in, so it's unplugged now and staying that way until I hear from you.",
        ],
    ),
    "T_DEAD": dict(
        cat="technical", pri="high", passages=["priority#2", "categories#4"], order=0.5, problem=True,
        subjects=["{short} not working", "Can't get it working", "Device not working at all", "Help!"],
        direct=[
            "My {product} won't turn on at all. I've tried different sockets and cables. No lights, nothing.",
            "I can't get the {short} to pair with the app. It just times out every time. I've reset it and the router several times, so right now I can't use it at all.",
            "The {short} is stuck on a flashing red light and won't do anything else. A factory reset doesn't help.",
        ],
        indirect=[
            "Set-up goes fine until step 4, 'Connecting to Brightnest cloud', then it fails with code E-17. I've tried three times, on two different Wi-Fi networks and even my phone's hotspot. So the {short} is basically an expensive paperweight at the moment.",
            "Since the firmware update {date} my {short} has been completely dead: no light, not showing in the app, nothing. It was working perfectly before the update.",
        ],
    ),
    "T_BUG": dict(
        cat="technical", pri="medium", passages=["priority#3", "categories#4"], order=0.25, problem=True,
        subjects=["Bug?", "Something not quite right", "Issue with my {short}"],
        direct=[
            "{Feature} on my {short} isn't working properly. Everything else on it is fine.",
            "The app crashes every time I open the settings for {feature}. The rest of the app works.",
            "My {short} disconnects from Wi-Fi a couple of times a day. It reconnects on its own after a while, but it's annoying.",
        ],
        indirect=[
            "Not sure if this is a bug or me doing something wrong: {feature} switches itself off after a day or two and I have to turn it back on in the app. The {short} otherwise works as it should.",
            "Since the latest app update the notifications from my {short} arrive about ten minutes late, which kind of defeats the point. Everything else seems normal.",
        ],
    ),
    "T_HOWTO": dict(
        cat="technical", pri="low", passages=["priority#4", "categories#4"], order=0.0, problem=False,
        subjects=["How do I...", "Set-up question", "Quick question about my device"],
        direct=[
            "How do I set up {feature} on the {short}?",
            "How do I factory reset the {product}? I'm giving it to my sister.",
            "Is there a way to add a second user so my partner can control the {short} too?",
            "Can the {short} work without Wi-Fi?",
        ],
        indirect=[
            "I've had the {product} for a few weeks and I'm really happy with it. One thing I can't work out is {feature}: is it hidden in the app somewhere, or do I have to turn it on on the device itself?",
            "We're changing our broadband provider next week, so the Wi-Fi name and password will change. Will the {short} need to be set up again from scratch, or is there an easier way?",
        ],
    ),
    # ----------------------------------------------------------- account
    "A_HACKED": dict(
        cat="account", pri="urgent", passages=["security#2", "priority#1"], order=0.0, problem=True,
        subjects=["Account hacked", "Someone is in my account", "Password changed, not by me"],
        direct=[
            "Someone has logged into my Brightnest account. I got an email saying my password was changed, and it wasn't me.",
            "There's an order in my account history that I didn't place: {a_product} going to an address in {city}. I think my account has been hacked.",
            "The email on my account was changed to one I don't recognise and now I can't log in. Please lock the account.",
        ],
        indirect=[
            "Weird activity on my account: I got a 'new sign-in from {city}' email at 3am, and when I logged in this morning my saved delivery address had been changed. I haven't been to {city} in my life. Please check what's going on.",
        ],
    ),
    "A_LOCKED": dict(
        cat="account", pri="high", passages=["priority#2", "categories#5"], order=0.0, problem=True,
        subjects=["Can't log in", "Locked out", "Login problem", "Can't access my account"],
        direct=[
            "I can't log in to my account. The password reset email never arrives. I've checked spam and tried three times.",
            "I got a new phone and lost my authenticator app, so I can't get the two-factor code to log in.",
            "My account is locked after too many password attempts, and the unlock link in the email has expired.",
        ],
        indirect=[
            "I'm going round in circles. Forgot password, enter email, 'if an account exists we've sent a link', then nothing. It's definitely the right email because your order confirmations go there. Meanwhile I can't get into the app to control the {short}.",
            "My old phone died over the weekend, and with it the authenticator app. Now your login keeps asking for a six-digit code I have no way of getting, and I can't find any backup codes.",
        ],
    ),
    "A_UPDATE": dict(
        cat="account", pri="low", passages=["priority#4", "categories#5"], order=0.0, problem=False,
        subjects=["Update my details", "Account details", "Profile change"],
        direct=[
            "Please can you change the email address on my account to {email}?",
            "How do I update my name on my account? I got married and changed my surname.",
            "I'd like to remove an old address from my saved addresses, but there's no delete button.",
        ],
        indirect=[
            "I'm leaving my job at the end of the month and my Brightnest account is registered to my work email. Could you move it over to {email} so I don't lose my order history and device set-up?",
        ],
    ),
    "A_DELETE": dict(
        cat="account", pri="low", passages=["priority#4", "categories#5"], order=0.0, problem=False,
        subjects=["Account / data request", "My account", "Personal data"],
        direct=[
            "Please delete my Brightnest account and all the data associated with it.",
            "I'd like a copy of all the personal data you hold about me, under GDPR.",
        ],
        indirect=[
            "I've sold all my Brightnest devices, so I'd like to close my account properly rather than just leave it lying around. Can you also confirm the saved addresses and payment details get removed?",
        ],
    ),
    "A_PHISH": dict(
        cat="account", pri="medium", passages=["security#2", "categories#5"], order=0.0, problem=True,
        subjects=["Suspicious email", "Is this email from you?", "Phishing"],
        direct=[
            "I received an email that looks like it's from Brightnest asking me to confirm my payment details via a link. The sender address is weird. I didn't click it. Thought you should know.",
            "Is this email real? 'Your Brightnest account will be closed in 24 hours unless you verify.' The link goes to a strange website. I haven't clicked anything.",
        ],
        indirect=[
            "Got a text this morning saying a Brightnest parcel was 'held at customs' and I needed to pay a small fee through a link. I'm not expecting anything from you, so I ignored it and didn't click. Just wanted to flag that someone is using your name.",
        ],
    ),
    # ----------------------------------------------------------- other
    "O_PRESALE": dict(
        cat="other", pri="low", passages=["categories#6", "priority#4"], order=0.0, problem=False,
        subjects=["Question before buying", "Product question", "Compatibility?"],
        direct=[
            "Is the {product} compatible with Google Home?",
            "Does the {short} come with a UK plug, or would I need an adapter?",
            "What's the difference between the {product} and the older model? Is it worth upgrading?",
            "Will the {product} be back in stock before Christmas?",
        ],
        indirect=[
            "We're renovating and trying to decide between your {product} and a competitor's. Does yours work with Apple Home, and does it need a hub or does it talk to the Wi-Fi directly?",
        ],
    ),
    "O_FEEDBACK": dict(
        cat="other", pri="low", passages=["categories#6", "priority#4"], order=0.1, problem=False,
        subjects=["Feedback", "A bit of feedback", "Hello!"],
        direct=[
            "Just wanted to say the {product} is fantastic. Set-up took five minutes. Great job!",
            "Suggestion: it would be great if the app had a dark mode.",
            "The courier who delivered my {short} was really friendly. Please pass on my thanks.",
        ],
        indirect=[
            "No problem to report, I just wanted to say your support team helped my dad set up his {short} over the phone last week and were incredibly patient with him. He's 84 and now he won't stop talking about it.",
            "A small idea for the app: it'd be nice to group devices by room on the home screen. Right now my {short} is buried under a list of plugs and bulbs.",
        ],
    ),
    "O_BUSINESS": dict(
        cat="other", pri="low", passages=["categories#6", "priority#4"], order=0.0, problem=False,
        subjects=["Business enquiry", "Enquiry", "Question"],
        direct=[
            "I run a small hotel and we're interested in buying thirty {short}s. Do you offer business pricing?",
            "I'm a journalist writing about smart home gadgets. Could I get a review unit of the {product}?",
            "Are you hiring for customer support roles?",
        ],
        indirect=[
            "We manage around 120 rental flats and are looking at fitting each one with {a_short}. Is there someone in sales I could talk to about volume pricing and central management?",
        ],
    ),
}

# Scenario weights per tier (how often each scenario is drawn).
EASY_WEIGHTS = {
    "B_DUP": 3, "B_UNAUTH": 2, "B_OVERCHARGE": 3, "B_DECLINED": 2, "B_CARE": 2, "B_INVOICE": 3, "B_PAYQ": 2,
    "S_LOST": 4, "S_DELAY": 3, "S_ADDRESS": 2, "S_CANCEL": 2, "S_PARTIAL": 2, "S_Q": 3,
    "R_RETURN": 3, "R_COSMETIC": 2, "R_BROKEN": 3, "R_WRONG": 2, "R_INCOMPLETE": 2, "R_REFUND": 2, "R_POLICY": 2,
    "T_OUTAGE": 2, "T_SAFETY": 2, "T_DEAD": 3, "T_BUG": 3, "T_HOWTO": 3,
    "A_HACKED": 2, "A_LOCKED": 3, "A_UPDATE": 2, "A_DELETE": 2, "A_PHISH": 2,
    "O_PRESALE": 4, "O_FEEDBACK": 4, "O_BUSINESS": 3,
}
MEDIUM_WEIGHTS = dict(EASY_WEIGHTS)

# Scenarios whose tickets may plausibly contain a card number.
CARD_OK = {"billing", "returns", "shipping", "account"}

# --------------------------------------------------------------------------
# Hand-crafted hard tickets: misleading keywords, sarcasm, ambiguity.
# text may use the same slots. order: whether {my_order} should carry an id.
# --------------------------------------------------------------------------

CRAFTED = [
    dict(key="sarcasm-lost", cat="shipping", pri="high", order=True, tags=["sarcasm"],
         passages=["priority#5", "priority#2"],
         text="Wow. {lost_days} days of 'in transit' with no update whatsoever. Truly the fastest shipping in the world. Is {my_order} ever going to show up, or should I just frame the tracking page and hang it next to the {short} I don't have?"),
    dict(key="sarcasm-dup", cat="billing", pri="urgent", order=True, tags=["sarcasm"],
         passages=["priority#5", "priority#1"],
         text="Love that I got to pay for my {short} twice! Two identical charges of {amount} on my statement, both cleared, both for {my_order}. Very generous of me. Could I have one of them back, please?"),
    dict(key="sarcasm-app", cat="technical", pri="medium", order=False, tags=["sarcasm"],
         passages=["priority#5", "priority#3"],
         text="Great update, really. Now the app logs me out every single time I close it, so I get to type my password fifteen times a day. The {short} itself still works, so I suppose I should be grateful."),
    dict(key="sarcasm-outage", cat="technical", pri="urgent", order=False, tags=["sarcasm"],
         passages=["priority#5", "priority#1"],
         text="Fantastic. Your whole app has been showing 'Something went wrong' since 7am, for me, my neighbour and apparently half of Twitter. Really loving my smart home that can't turn the lights on. Any ETA on a fix?"),
    dict(key="urgent-caps-question", cat="shipping", pri="low", order=False, tags=["misleading-keywords", "angry-tone"],
         passages=["priority#5", "priority#4"],
         text="URGENT URGENT URGENT!!! Do you ship to {country}?? Need to know ASAP before I order the {product}!!!"),
    dict(key="on-fire-wholesale", cat="other", pri="low", order=False, tags=["misleading-keywords"],
         passages=["categories#6", "priority#4"],
         text="Your {short} is on fire at our shop! We've sold out of the units we get through our distributor twice this month. Who do I talk to about buying direct, around forty units a quarter?"),
    dict(key="pending-hold", cat="billing", pri="low", order=False, tags=["ambiguous", "misleading-keywords"],
         passages=["categories#1", "priority#4"],
         text="I think I was charged twice?? I can see two lines for {amount} in my banking app, but one of them says 'pending' and has a slightly different time. Is that a second charge, or will it just disappear on its own?"),
    dict(key="not-a-hack", cat="account", pri="low", order=False, tags=["misleading-keywords"],
         passages=["categories#5", "priority#4"],
         text="Nothing dramatic, no hack or anything! I just want to change the email on my account from my old work address to {email}. Couldn't see where to do it in the app."),
    dict(key="phish-entered", cat="account", pri="urgent", order=False, tags=["ambiguous"],
         passages=["security#2", "priority#1"],
         text="Got an email this morning saying my Brightnest account would be suspended unless I verified it. I clicked and typed my password before I noticed the page was brightnest-secure-login.net. Was that you? What should I do now?"),
    dict(key="phish-billing-name", cat="account", pri="medium", order=False, tags=["misleading-keywords"],
         passages=["security#2", "categories#5"],
         text="FYI, I got an email from 'Brightnest Billing' asking me to update my card details via a link because a payment had 'failed'. The sender is brlghtnest-billing.co, with an L instead of an i. I haven't clicked anything, just letting you know."),
    dict(key="calm-safety", cat="technical", pri="urgent", order=False, tags=["ambiguous"],
         passages=["priority#5", "priority#1"],
         text="Probably nothing, and sorry to bother you, but the power adapter of my {short} gets really hot and there was a faint burning smell in the hallway last night. I've unplugged it for now. Is that normal?"),
    dict(key="return-word-but-technical", cat="technical", pri="high", order=False, tags=["ambiguous", "misleading-keywords"],
         passages=["categories#4", "priority#2"],
         text="Before I go through the hassle of a return: the {short} hasn't turned on at all since I unboxed it yesterday. No light, nothing, tried three sockets. Is there some reset trick I'm missing?"),
    dict(key="technical-word-but-return", cat="returns", pri="medium", order=True, tags=["ambiguous"],
         passages=["categories#3", "priority#3"],
         text="My {short} keeps dropping off the Wi-Fi every few hours since last week's update. It comes back eventually but honestly I'm done troubleshooting it. How do I send it back for a refund? It's {oref}."),
    dict(key="checkout-error-pay", cat="technical", pri="urgent", order=False, tags=["misleading-keywords"],
         passages=["categories#4", "priority#1"],
         text="Tried to pay for my basket three times and each time the checkout page throws 'Error 503 - service unavailable'. My friend gets exactly the same on her laptop. Is your payment system down? I haven't been charged for anything."),
    dict(key="locked-with-device", cat="account", pri="high", order=False, tags=["ambiguous"],
         passages=["categories#5", "priority#2"],
         text="The app signed me out after the update and now I can't get back in: the password reset email never arrives (I've checked spam and promotions). The {short} is working but I can't control it without the app."),
    dict(key="angry-invoice", cat="billing", pri="low", order=True, tags=["angry-tone"],
         passages=["priority#5", "priority#4"],
         text="THIS IS RIDICULOUS. I have now asked TWICE for a VAT invoice for {my_order} and STILL nothing!!! My accountant needs it. How hard can it be to send a PDF?"),
    dict(key="dispute-threat-discount", cat="billing", pri="medium", order=True, tags=["angry-tone"],
         passages=["priority#5", "priority#3"],
         text="If this isn't sorted TODAY I'm disputing the whole payment with my bank. The discount code {code} was accepted but didn't come off, so I paid the full {amount} for the {short} on {my_order}. Fix it."),
    dict(key="polite-delivered-not-received", cat="shipping", pri="high", order=True, tags=[],
         passages=["priority#2", "orders-and-refunds#2"],
         text="Hi! No stress at all, but the tracking for {my_order} says it was delivered {date}, and it's not here, not with the neighbours and not at the front desk. Could you look into it when you get a chance? Thanks so much :)"),
    dict(key="money-but-returns", cat="returns", pri="medium", order=True, tags=["ambiguous", "misleading-keywords"],
         passages=["categories#3", "orders-and-refunds#2"],
         text="Where is my money? Your warehouse signed for my return of {my_order} on {date_noun} (I have the tracking) and that was more than three weeks ago. The {amount} still hasn't shown up on my card and nobody answers the phone."),
    dict(key="refund-too-early", cat="returns", pri="low", order=True, tags=["ambiguous"],
         passages=["orders-and-refunds#2", "priority#4"],
         text="Dropped off my return for {my_order} at the post office yesterday. How long until I see the refund? I'm not complaining, just planning my month."),
    dict(key="care-cancel-terse", cat="billing", pri="medium", order=False, tags=["ambiguous"],
         passages=["categories#1", "priority#3"],
         text="please cancel it. the care+ thing. I didn't realise it was monthly"),
    dict(key="fraud-order-shipping-email", cat="account", pri="urgent", order=True, tags=["misleading-keywords"],
         passages=["security#2", "priority#1"],
         text="I just got a shipping confirmation for {my_order}: {a_product} going to an address in {city} that I've never lived at. I didn't place this order. Someone must be using my account."),
    dict(key="feedback-hides-lost", cat="shipping", pri="high", order=True, tags=["multi-issue"],
         passages=["categories#6", "priority#2"],
         text="Just wanted to say the {product} I bought in January is brilliant, best thing I've bought this year. Oh, but the second one I ordered for my mum, {oref}, has been sitting on 'label created' for {lost_days} days now with no movement."),
    dict(key="power-outage-figurative", cat="technical", pri="high", order=False, tags=["misleading-keywords"],
         passages=["priority#2", "categories#4"],
         text="We had a power outage on our street last night, and since the electricity came back the {short} won't connect to anything. The app says it's offline, the light just blinks, and re-adding it fails. Everything else on the Wi-Fi is back to normal."),
    dict(key="security-feature-presale", cat="other", pri="low", order=False, tags=["misleading-keywords"], product="camera",
         passages=["categories#6", "priority#4"],
         text="A question about the security side of the {product} before I buy one: is the footage stored in the cloud or on the device, and is it encrypted? I don't want videos of my living room leaking."),
    dict(key="hacked-figurative", cat="technical", pri="medium", order=False, tags=["misleading-keywords"],
         passages=["categories#4", "priority#3"],
         text="I tried to hack together a routine so the {short} turns off when I leave home, but the geofence trigger only works about half the time. Is there a known issue with location triggers?"),
    dict(key="broken-promise", cat="shipping", pri="medium", order=True, tags=["misleading-keywords"],
         passages=["priority#3", "categories#2"],
         text="You broke your promise! Next-day delivery my foot. {My_order} is {delay_days} days late, although to be fair the tracking does show it moving through {city} this morning. Just tell me when it'll actually arrive."),
    dict(key="dead-battery-figurative", cat="other", pri="low", order=False, tags=["misleading-keywords"], product="thermostat",
         passages=["categories#6", "priority#4"],
         text="My old thermostat is dead (not one of yours!) so I'm thinking of replacing it with the {product}. Does it work with a combi boiler, and do I need an electrician to install it?"),
    dict(key="damaged-but-works-angry", cat="returns", pri="medium", order=True, tags=["angry-tone"],
         passages=["priority#5", "priority#3"],
         text="ABSOLUTELY UNACCEPTABLE. The {short} for {my_order} arrived with a crack across the top panel. Yes it still works, that's not the point, I paid {amount} for a new item, not a damaged one. I want a replacement."),
    dict(key="chargeback-word-hold", cat="billing", pri="low", order=False, tags=["misleading-keywords", "ambiguous"],
         passages=["categories#1", "priority#4"],
         text="Was about to raise a chargeback, but my bank said to ask you first. Yesterday there was a {amount} hold from Brightnest when I saved a new card to my account, and this morning it's already gone from my statement. Was that just a verification, or is it going to come back as a charge?"),
    dict(key="long-rambling-return", cat="returns", pri="medium", order=True, tags=["long"],
         passages=["categories#3", "priority#3"],
         text="So this is a slightly long story. We bought the {product} a few weeks ago after our old one packed in, and at first it was great. Then my husband decided we should redo the living room, and now it just doesn't go with anything, which I realise is entirely our problem, not yours. My daughter says I should just sell it online, but I'd honestly rather deal with a proper company. It's been {return_days} days since it arrived, so I think I'm still inside your window? Anyway, long story short, I'd like to return it. It's {oref}. I still have the box."),
    dict(key="long-rambling-locked", cat="account", pri="high", order=False, tags=["long"],
         passages=["priority#2", "categories#5"],
         text="Where to start. I changed phones last week (new job, new work phone, long story), and I didn't think about the authenticator app until I tried to get into Brightnest on Sunday evening to turn the heating up. It asks for a code, the code is on the old phone, the old phone has been wiped and handed back. I found a piece of paper that I think has backup codes on it but none of them work, so I might have written them down wrong. Right now I can't log in at all, and the house is freezing."),
]

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

rng = random.Random(SEED)
used_order_numbers: set[str] = set()


def new_digits(n: int = 6) -> str:
    while True:
        d = str(rng.randint(10 ** (n - 1), 10 ** n - 1))
        if d not in used_order_numbers:
            used_order_numbers.add(d)
            return d


def money(x: float) -> str:
    return f"${x:,.2f}"


def make_ctx() -> dict:
    p = rng.choice(PRODUCTS)
    p2 = rng.choice([q for q in PRODUCTS if q is not p])
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, city2 = rng.sample(CITIES, 2)
    qty = rng.choice([1, 1, 1, 2])
    total = p[3] * qty + (0 if p[3] * qty >= 50 else 5.95)
    sale = round(p[3] * rng.choice([0.8, 0.85, 0.75]), 2)
    email_user = f"{first.lower()}.{re.sub(r'[^a-z]', '', last.lower())}"
    ctx = dict(
        product=p[0], short=p[1], feature=p[2], Feature=p[2][0].upper() + p[2][1:],
        product2=p2[0], short2=p2[1],
        amount=money(total), sale_amount=money(sale), price=money(p[3]),
        basket=money(p[3] * qty if p[3] * qty >= 50 else p[3] * qty + rng.choice([34.99, 49.00, 59.99])), ship_fee=money(rng.choice([5.95, 7.50, 9.95])),
        care_fee=money(rng.choice([4.99, 6.99])),
        date=rng.choice(PAST_DATES), date_noun=rng.choice(DATE_NOUNS), month=rng.choice(MONTHS),
        lost_days=rng.choice([7, 8, 9, 10, 11, 12, 14, 16]), delay_days=rng.choice([2, 3, 4, 5]),
        return_days=rng.choice([5, 8, 10, 12, 17, 21]), refund_weeks=rng.choice([3, 4, 5]),
        courier=rng.choice(COURIERS), city=city, city2=city2, country=rng.choice(COUNTRIES),
        address=f"{rng.randint(2, 240)} {rng.choice(STREETS)}, {city2}",
        email=f"{email_user}@{rng.choice(DOMAINS)}", code=rng.choice(CODES),
        company=rng.choice(COMPANIES), first=first, last=last,
    )
    return ctx


def canonical(d: str) -> str:
    return f"ORD-{d}"


def noncanonical(d: str) -> str:
    return rng.choice([f"ord-{d}", f"ORD {d}", f"ORD{d}", f"ord{d}", f"Ord-{d}", f"ord {d}", f"#ORD-{d}"])


def inline_order(oid: str | None, cap: bool, parens_ok: bool = True) -> str:
    if oid is None:
        return "My order" if cap else "my order"
    forms = ["my order {o}", "order {o}"] + (["my order ({o})"] if parens_ok else [])
    if cap:
        forms = ["My order {o}", "Order {o}"]
    return rng.choice(forms).format(o=oid)


def with_article(noun: str) -> str:
    return ("an " if noun[0].lower() in "aeiou" else "a ") + noun


def fill(text: str, ctx: dict, oid_inline: str | None) -> str:
    c = dict(ctx)
    for k in ("product", "short", "product2", "short2"):
        c["a_" + k] = with_article(c[k])
    c["Feature"] = c["feature"][0].upper() + c["feature"][1:]
    c["my_order"] = inline_order(oid_inline, False, parens_ok="({my_order})" not in text)
    c["My_order"] = inline_order(oid_inline, True)
    c["oref"] = f"order {oid_inline}" if oid_inline else "my order"
    return text.format(**c)


def lower_first(s: str) -> str:
    keep = ("I ", "I'", "UPS", "DHL", "FedEx", "ParcelLine", "Brightnest", "BRIGHTNEST", "Care+", "ORD",
            "Aura", "Glide", "Halo", "Breeze", "Lumo", "Tempo", "Sonna", "URGENT", "THIS", "ABSOLUTELY", "FYI")
    if s.startswith(keep):
        return s
    return s[0].lower() + s[1:]


def add_typos(text: str, protect: list[str], max_n: int) -> tuple[str, int]:
    """Replace up to max_n words with common misspellings, never touching protected substrings."""
    words = list(MISSPELL.items())
    rng.shuffle(words)
    n = 0
    for right, wrong in words:
        if n >= max_n:
            break
        pat = re.compile(r"\b" + re.escape(right) + r"\b")
        matches = [m for m in pat.finditer(text)
                   if not any(p and p in text[max(0, m.start() - 12): m.end() + 12] for p in protect)]
        if not matches:
            continue
        m = rng.choice(matches)
        text = text[: m.start()] + wrong + text[m.end():]
        n += 1
    return text, n


def card_sentence(kind: str = "paid") -> str:
    """A sentence leaking a (fake, test-range) card number. kind: paid | refund | verify."""
    card = rng.choice(CARDS)
    exp = f"{rng.randint(1, 12):02d}/{rng.randint(25, 29)}"
    options = {
        "paid": ["The card I paid with is {c}, expiry {e}, in case that helps you find the order.",
                 "If you need it, my card number is {c}.",
                 "Card used: {c} (exp {e}).",
                 "It was paid with my Visa {c}, if that helps."],
        "refund": ["Please refund to this card so there's no confusion: {c}.",
                   "My card details are {c}, exp {e}, if that helps you find the payment.",
                   "The refund should go to {c} (exp {e})."],
        "verify": ["If you need to check it's me, the card saved on my account is {c}.",
                   "To prove it's my account: the card on file is {c}, exp {e}."],
    }[kind]
    return rng.choice(options).format(c=card, e=exp)


REFUNDISH = {"B_DUP", "B_UNAUTH", "B_OVERCHARGE", "B_CARE", "R_REFUND", "R_RETURN"}


def card_kind(scenario_key: str, cat: str) -> str:
    if scenario_key in REFUNDISH:
        return rng.choice(["refund", "paid"])
    if cat == "account":
        return "verify"
    return "paid"


def signature(ctx: dict) -> str:
    f, l = ctx["first"], ctx["last"]
    sig = rng.choice([f, f"{f} {l}", f"{f[0]}. {l}", f"- {f}", f"{f} {l[0]}.", f"{f} {l}", f.lower()])
    if rng.random() < 0.15:
        sig += "\n\n" + rng.choice(SENT_FROM)
    return sig


def maybe_subject(scen_subjects: list[str], p: float, ctx: dict | None = None) -> str:
    if scen_subjects and rng.random() < p:
        s = rng.choice(scen_subjects).format(**(ctx or {"short": "device"}))
        s = s[0].upper() + s[1:]
        if rng.random() < 0.2:
            s = "Re: " + s
        return f"Subject: {s}\n\n"
    return ""


def wrap(body: str, ctx: dict, problem: bool, *, style: str, subject: str = "",
         extra_before_close: list[str] | None = None, order_field: str | None = None,
         topic_field: str | None = None, long_story: bool = False, sig_extra: str = "") -> str:
    """Assemble greeting/intro/body/backstory/closer/signature in one of several styles."""
    extra = [e for e in (extra_before_close or []) if e]
    if style == "form":
        lines = [f"Name: {ctx['first']} {ctx['last']}", f"Email: {ctx['email']}"]
        lines.append(f"Order number: {order_field if order_field else rng.choice(['', 'n/a', '-', 'none'])}".rstrip())
        if topic_field:
            lines.append(f"Topic: {topic_field}")
        msg = body
        if extra:
            msg += " " + " ".join(extra)
        lines.append("Message:")
        lines.append(msg)
        return "\n".join(lines)
    if style == "bare":
        parts = [body] + extra
        return " ".join(parts)
    # email style
    out = subject
    greeting = rng.choice(GREETINGS)
    out += greeting + "\n\n"
    para = []
    if rng.random() < (0.45 if long_story else 0.2):
        para.append(rng.choice(INTROS_PROBLEM if problem else INTROS_ANY))
    para.append(body)
    if long_story:
        pool = BACKSTORY_PROBLEM if problem else BACKSTORY_QUESTION
        para.extend(rng.sample(pool, min(len(pool), rng.choice([1, 2, 2, 3]))))
    out += " ".join(para)
    if extra:
        out += "\n\n" + " ".join(extra)
    closer = rng.choice(CLOSERS_PROBLEM if problem else CLOSERS_QUESTION)
    out += "\n\n" + closer + "\n" + signature(ctx) + sig_extra
    return out


def forwarded_block(ctx: dict, oid_text: str) -> str:
    return ("\n\n---------- Forwarded message ---------\n"
            "From: Brightnest Orders <orders@brightnest.example>\n"
            f"Subject: Your Brightnest order {oid_text} is confirmed\n\n"
            f"Hi {ctx['first']}, thanks for shopping with us! We'll let you know as soon as your {ctx['short']} ships.")


# --------------------------------------------------------------------------
# Ticket builders
# --------------------------------------------------------------------------


def label_passages(primary: list[str], special: list[str]) -> list[str]:
    out: list[str] = []
    for p in special + primary:
        if p not in out:
            out.append(p)
    return out[:2]


def apply_card(pri: str) -> str:
    return pri if PRI_RANK[pri] >= PRI_RANK["high"] else "high"


def build_easy() -> dict:
    key = rng.choices(list(EASY_WEIGHTS), weights=list(EASY_WEIGHTS.values()))[0]
    sc = SCENARIOS[key]
    ctx = make_ctx()
    body_t = rng.choice(sc["direct"])
    has_order = rng.random() < sc["order"]
    oid = canonical(new_digits()) if has_order else None
    uses_slot = "{my_order}" in body_t or "{My_order}" in body_t
    body = fill(body_t, ctx, oid if uses_slot else None)
    style = rng.choices(["email", "bare", "form"], weights=[6, 3, 2])[0]
    extra = []
    order_field = None
    if oid and not uses_slot:
        if style == "form":
            order_field = oid
        else:
            sent = rng.choice(["My order number is {o}.", "Order number: {o}.", "This is for order {o}.",
                               "The order is {o}."]).format(o=oid)
            if rng.random() < 0.5:
                body = sent + " " + body
            else:
                extra.append(sent)
    elif oid and style == "form" and rng.random() < 0.7:
        order_field = oid
    text = wrap(body, ctx, sc["problem"], style=style, subject=maybe_subject(sc["subjects"], 0.3, ctx),
                extra_before_close=extra, order_field=order_field, long_story=rng.random() < 0.15)
    return dict(text=text, cat=sc["cat"], pri=sc["pri"], oid=oid, passages=list(sc["passages"]),
                tags=[], tier="easy", features=0, scenario=key)


def build_medium() -> dict:
    key = rng.choices(list(MEDIUM_WEIGHTS), weights=list(MEDIUM_WEIGHTS.values()))[0]
    sc = SCENARIOS[key]
    ctx = make_ctx()
    pool = sc["indirect"] if rng.random() < 0.8 else sc["direct"]
    body_t = rng.choice(pool)
    tags: list[str] = []
    special: list[str] = []
    features = 0
    pri = sc["pri"]
    has_order = rng.random() < min(1.0, sc["order"] + 0.1) if sc["order"] > 0 else False
    digits = new_digits() if has_order else None
    oid = canonical(digits) if digits else None
    uses_slot = "{my_order}" in body_t or "{My_order}" in body_t
    style = rng.choices(["email", "bare", "form"], weights=[7, 2, 2])[0]
    extra: list[str] = []
    order_field = None
    sig_extra = ""
    placement = None
    if digits:
        placement = rng.choice(["inline_nc", "ps", "signature", "forward", "inline_nc", "buried"])
        if style == "form":
            placement = rng.choice(["form_nc", "inline_nc"])
        if style == "bare" and placement in ("signature", "forward"):
            placement = "ps"
        nc = noncanonical(digits) if rng.random() < 0.6 else canonical(digits)
        if nc != canonical(digits):
            tags.append("non-canonical-order-id")
            features += 1
        if placement == "inline_nc" and uses_slot:
            body = fill(body_t, ctx, nc)
        else:
            body = fill(body_t, ctx, None)
            if placement == "inline_nc":
                placement = "buried"
            if placement == "ps":
                extra.append(rng.choice(["P.S. the order number is {o}, sorry, forgot to put it at the top.",
                                         "PS - order {o} in case you need it",
                                         "P.S. In case it helps, it's {o}.",
                                         "(order ref {o})"]).format(o=nc))
            elif placement == "signature":
                sig_extra = rng.choice(["\nOrder ref: {o}", "\nRe: {o}", "\n[{o}]"]).format(o=nc)
            elif placement == "forward":
                sig_extra = forwarded_block(ctx, nc)
            elif placement == "buried":
                sent = rng.choice([
                    "I ordered it {d} ({o} on the confirmation, I think) and paid by card.",
                    "For reference the confirmation email I got {d} says {o}.",
                    "It came up as {o} on the receipt, if that's useful.",
                ]).format(o=nc, d=ctx["date"])
                # bury it in the middle of the body
                sents = re.split(r"(?<=[.?!])\s+", body)
                pos = rng.randint(1, max(1, len(sents) - 1)) if len(sents) > 1 else 1
                sents.insert(pos, sent)
                body = " ".join(sents)
            elif placement == "form_nc":
                order_field = nc
        if placement in ("ps", "signature", "forward", "buried"):
            tags.append("order-id-buried")
            features += 1
    else:
        body = fill(body_t, ctx, None)
    # angry tone on a non-urgent issue
    if rng.random() < 0.18 and sc["problem"] and PRI_RANK[pri] < PRI_RANK["urgent"]:
        angry = rng.choice(ANGRY_LINES)
        body = angry + " " + body if rng.random() < 0.5 else body + " " + angry
        tags.append("angry-tone")
        special.append("priority#5")
        features += 1
    # card numbers
    card_plausible = sc["problem"] or key in ("B_PAYQ", "B_INVOICE", "A_UPDATE", "A_DELETE")
    if sc["cat"] in CARD_OK and card_plausible and rng.random() < 0.2:
        extra.append(card_sentence(card_kind(key, sc["cat"])))
        tags.append("card-number")
        if PRI_RANK[pri] < PRI_RANK["high"]:
            special.insert(0, "security#1")
        pri = apply_card(pri)
        features += 1
    subj = maybe_subject(sc["subjects"], 0.3, ctx)
    if "angry-tone" in tags and subj and rng.random() < 0.6:
        subj = subj.replace("Subject: ", "Subject: URGENT!! ")
    text = wrap(body, ctx, sc["problem"], style=style, subject=subj, extra_before_close=extra,
                order_field=order_field, long_story=rng.random() < 0.45, sig_extra=sig_extra,
                topic_field=None)
    return dict(text=text, cat=sc["cat"], pri=pri, oid=oid,
                passages=label_passages(list(sc["passages"]), special),
                tags=tags, tier="medium", features=features, scenario=key)


def build_multi() -> dict:
    keys = list(EASY_WEIGHTS)
    while True:
        k1, k2 = rng.sample(keys, 2)
        s1, s2 = SCENARIOS[k1], SCENARIOS[k2]
        if s1["cat"] != s2["cat"]:
            break
    ctx = make_ctx()
    ctx2 = make_ctx()
    while ctx2["product"] == ctx["product"]:  # the second issue is about a different item
        ctx2 = make_ctx()
    # same customer in both halves
    for k in ("first", "last", "email", "city", "address"):
        ctx2[k] = ctx[k]
    tie = PRI_RANK[s1["pri"]] == PRI_RANK[s2["pri"]]
    primary_idx = 0 if PRI_RANK[s1["pri"]] >= PRI_RANK[s2["pri"]] else 1
    primary = (s1, s2)[primary_idx]
    t1 = rng.choice(s1["direct"] + s1["indirect"])
    t2 = rng.choice(s2["direct"] + s2["indirect"])
    slots = ["{my_order}" in t or "{My_order}" in t for t in (t1, t2)]
    oids: list[str | None] = [None, None]
    tags = ["multi-issue"]
    features = 1
    extra: list[str] = []
    # order ids: at most one per issue; sometimes two distinct ones
    for i, (sc, t) in enumerate(((s1, t1), (s2, t2))):
        if slots[i] and sc["order"] > 0 and rng.random() < 0.7:
            oids[i] = canonical(new_digits())
    if all(oids) and rng.random() < 0.55:
        # keep only one of them
        drop = rng.randrange(2)
        oids[drop] = None
    if all(oids):
        tags.append("multiple-order-ids")
        features += 1

    b1 = fill(t1, ctx, oids[0])
    b2 = fill(t2, ctx2, oids[1])
    body = b1 + "\n\n" + rng.choice(CONNECTORS) + lower_first(b2)
    expected_oid = oids[primary_idx] if oids[primary_idx] else (oids[1 - primary_idx])
    pri = primary["pri"]
    special = ["categories#6"]
    if tie:
        tags.append("ambiguous")
        features += 1
    if primary["cat"] in CARD_OK and primary["problem"] and rng.random() < 0.12:
        extra.append(card_sentence(card_kind((k1, k2)[primary_idx], primary["cat"])))
        tags.append("card-number")
        if PRI_RANK[pri] < PRI_RANK["high"]:
            special = ["security#1", "categories#6"]
        pri = apply_card(pri)
        features += 1
    problem = s1["problem"] or s2["problem"]
    style = rng.choices(["email", "bare"], weights=[5, 1])[0]
    subj = maybe_subject(s1["subjects"], 0.35, ctx)
    text = wrap(body, ctx, problem, style=style, subject=subj, extra_before_close=extra,
                long_story=rng.random() < 0.3)
    passages = label_passages([primary["passages"][0]], special)
    return dict(text=text, cat=primary["cat"], pri=pri, oid=expected_oid, passages=passages,
                tags=tags, tier="hard", features=features, scenario=f"{k1}+{k2}")


DECOY_KINDS = ["invoice", "tracking", "rma", "truncated", "overlong", "bare"]


def decoy_text(kind: str, ctx: dict) -> str:
    if kind == "invoice":
        return rng.choice(["The invoice number is INV-{d}.", "It's on invoice INV-{d}.",
                           "(Invoice INV-{d} if you need it.)"]).format(d=new_digits())
    if kind == "tracking":
        trk = rng.choice([f"1Z{rng.randint(100, 999)}AA{rng.randint(10 ** 9, 10 ** 10 - 1)}",
                          f"NW{rng.randint(10 ** 8, 10 ** 9 - 1)}GB",
                          f"JJD{rng.randint(10 ** 11, 10 ** 12 - 1)}"])
        return rng.choice(["Tracking number is {t}.", "The {c} tracking number is {t}.",
                           "Tracking ref: {t}"]).format(t=trk, c=ctx["courier"])
    if kind == "rma":
        return rng.choice(["Your agent gave me return authorisation RMA-{d}.",
                           "I was given RMA-{d} when I started the return."]).format(d=new_digits())
    if kind == "truncated":
        d = new_digits()[: rng.choice([2, 3, 4])]
        return rng.choice(["The order number starts ORD-{d}, sorry, I deleted the email.",
                           "Order was ORD-{d} something, I can't find the confirmation any more.",
                           "I think the order number was ORD-{d}... not sure of the rest."]).format(d=d)
    if kind == "overlong":
        d = new_digits(7)
        return rng.choice(["My order number is ORD-{d}.", "Order ORD-{d}, if that helps.",
                           "(order ORD-{d})"]).format(d=d)
    if kind == "bare":
        d = new_digits()
        return rng.choice(["The number on my receipt is #{d}.", "It's order #{d} I think.",
                           "Reference number {d}."]).format(d=d)
    raise ValueError(kind)


DECOY_SCENARIOS = {
    "invoice": ["B_OVERCHARGE", "B_INVOICE", "B_DUP", "R_REFUND"],
    "tracking": ["S_LOST", "S_DELAY", "S_PARTIAL", "R_BROKEN"],
    "rma": ["R_REFUND", "R_RETURN", "R_WRONG"],
    "truncated": ["S_LOST", "R_RETURN", "R_INCOMPLETE", "B_OVERCHARGE", "S_DELAY"],
    "overlong": ["S_LOST", "R_COSMETIC", "B_DUP", "S_ADDRESS"],
    "bare": ["S_DELAY", "R_RETURN", "B_INVOICE", "R_BROKEN"],
}


def build_decoy(kind: str) -> dict:
    key = rng.choice(DECOY_SCENARIOS[kind])
    sc = SCENARIOS[key]
    ctx = make_ctx()
    body_t = rng.choice(sc["indirect"] + sc["direct"])
    tags = ["order-id-decoy"]
    features = 1
    oid = None
    if kind in ("invoice", "tracking", "rma") and rng.random() < 0.5:
        oid = canonical(new_digits())
        body = fill(body_t, ctx, oid)
        if not ("{my_order}" in body_t or "{My_order}" in body_t):
            body += " " + rng.choice(["This is for order {o}.", "Order {o}."]).format(o=oid)
    else:
        body = fill(body_t, ctx, None)
    dec = decoy_text(kind, ctx)
    if rng.random() < 0.5:
        body = body + " " + dec
        extra = []
    else:
        extra = [dec]
    pri = sc["pri"]
    special = ["orders-and-refunds#1"]
    if sc["cat"] in CARD_OK and rng.random() < 0.12:
        extra.append(card_sentence(card_kind(key, sc["cat"])))
        tags.append("card-number")
        if PRI_RANK[pri] < PRI_RANK["high"]:
            special = ["security#1", "orders-and-refunds#1"]
        pri = apply_card(pri)
        features += 1
    style = rng.choices(["email", "bare"], weights=[4, 1])[0]
    text = wrap(body, ctx, sc["problem"], style=style, subject=maybe_subject(sc["subjects"], 0.3, ctx),
                extra_before_close=extra, long_story=rng.random() < 0.3)
    return dict(text=text, cat=sc["cat"], pri=pri, oid=oid,
                passages=label_passages(list(sc["passages"]), special),
                tags=tags, tier="hard", features=features, scenario=f"{key}/decoy-{kind}")


def build_crafted(c: dict) -> dict:
    ctx = make_ctx()
    if c.get("product") == "camera":
        p = rng.choice(CAMERA_PRODUCTS)
        ctx.update(product=p[0], short=p[1], feature=p[2])
    elif c.get("product") == "thermostat":
        ctx.update(product=PRODUCTS[0][0], short=PRODUCTS[0][1], feature=PRODUCTS[0][2])
    oid = canonical(new_digits()) if c["order"] else None
    tags = list(c["tags"])
    form = None
    if oid and rng.random() < 0.35:
        form = noncanonical(oid[4:])
        tags.append("non-canonical-order-id")
    body = fill(c["text"], ctx, form or oid)
    pri = c["pri"]
    special: list[str] = []
    extra: list[str] = []
    features = len(tags)
    # a couple of the crafted ones also carry a card number
    if c["key"] in ("pending-hold", "not-a-hack", "angry-invoice", "refund-too-early"):
        kind = {"not-a-hack": "verify", "refund-too-early": "refund"}.get(c["key"], "paid")
        extra.append(card_sentence(kind))
        tags.append("card-number")
        special = ["security#1"]
        pri = apply_card(pri)
        features += 1
    problem = PRI_RANK[c["pri"]] >= PRI_RANK["medium"] or c["cat"] != "other"
    style = "bare" if c["key"] in ("care-cancel-terse", "urgent-caps-question") else rng.choices(
        ["email", "bare"], weights=[4, 1])[0]
    text = wrap(body, ctx, problem, style=style, subject="", extra_before_close=extra,
                long_story=False)
    return dict(text=text, cat=c["cat"], pri=pri, oid=oid,
                passages=label_passages(list(c["passages"]), special),
                tags=tags, tier="hard", features=features, scenario=f"crafted/{c['key']}")


def build_form_topic_mismatch() -> dict:
    """Web form where the customer picked a misleading topic from the dropdown."""
    key = rng.choice(["S_LOST", "R_BROKEN", "T_DEAD", "A_LOCKED", "S_DELAY"])
    sc = SCENARIOS[key]
    ctx = make_ctx()
    topic = rng.choice([t for t in ["Billing question", "Returns & refunds", "Technical support",
                                    "My account", "Something else"]
                        if not t.lower().startswith(sc["cat"][:4])])
    body_t = rng.choice(sc["indirect"])
    oid = canonical(new_digits()) if sc["order"] > 0 and rng.random() < 0.8 else None
    body = fill(body_t, ctx, None)
    text = wrap(body, ctx, True, style="form", order_field=oid, topic_field=topic)
    return dict(text=text, cat=sc["cat"], pri=sc["pri"], oid=oid,
                passages=label_passages(list(sc["passages"]), []),
                tags=["misleading-keywords", "ambiguous"], tier="hard", features=2,
                scenario=f"{key}/form-topic")


# --------------------------------------------------------------------------
# Post-processing: noise, difficulty, tags
# --------------------------------------------------------------------------

ORDER_RE = re.compile(r"(?<![A-Za-z0-9])ord[- ]?(\d{6})(?![0-9])", re.IGNORECASE)
CARD_RE = re.compile(r"(?<!\d)(?:\d{4}[ -]?){3}\d{4}(?!\d)")


def add_noise(t: dict) -> None:
    text = t["text"]
    protect = [m.group(0) for m in ORDER_RE.finditer(text)] + [m.group(0) for m in CARD_RE.finditer(text)]
    p_typo = {"easy": 0.12, "medium": 0.35, "hard": 0.35}[t["tier"]]
    if rng.random() < p_typo:
        text, n = add_typos(text, protect, rng.choice([1, 2, 2, 3]))
        if n:
            t["tags"].append("typos")
            t["features"] += 0 if t["tier"] == "easy" else 1
    if t["tier"] != "easy" and rng.random() < 0.08 and "Subject:" not in text:
        text = text.lower()
        if "lowercase" not in t["tags"]:
            t["tags"].append("lowercase")
    t["text"] = text


def difficulty(t: dict) -> float:
    f = t["features"]
    if t["tier"] == "easy":
        d = rng.uniform(0.05, 0.28) + 0.03 * min(f, 2)
        if len(t["text"].split()) > 90:
            d += 0.04
        lo, hi = 0.05, 0.35
    elif t["tier"] == "medium":
        d = rng.uniform(0.36, 0.52) + 0.04 * min(f, 3)
        lo, hi = 0.36, 0.64
    else:
        d = rng.uniform(0.66, 0.80) + 0.04 * min(f, 4)
        lo, hi = 0.66, 0.95
    return round(min(hi, max(lo, d)), 2)


# --------------------------------------------------------------------------
# Validation (stdlib mini-schema check + consistency checks)
# --------------------------------------------------------------------------


def load_passage_ids() -> dict[str, int]:
    ids = {}
    for fn in sorted(os.listdir(DOCS)):
        if not fn.endswith(".md"):
            continue
        stem = fn[:-3]
        with open(os.path.join(DOCS, fn), encoding="utf-8") as fh:
            sections = re.split(r"^## ", fh.read(), flags=re.M)[1:]
        for i, sec in enumerate(sections, 1):
            body = sec.split("\n", 1)[1] if "\n" in sec else ""
            ids[f"{stem}#{i}"] = len(body.split())
    return ids


def validate_expected(obj: dict, schema: dict) -> None:
    props = schema["properties"]
    assert set(obj) == set(schema["required"]) == set(props), obj
    assert obj["category"] in props["category"]["enum"], obj
    assert obj["priority"] in props["priority"]["enum"], obj
    oid = obj["order_id"]
    assert oid is None or (isinstance(oid, str) and re.fullmatch(props["order_id"]["pattern"], oid)), obj


def policy_order_ids(text: str) -> list[str]:
    """Reference extractor implementing orders-and-refunds#1."""
    return [f"ORD-{m.group(1)}" for m in ORDER_RE.finditer(text)]


def main() -> int:
    with open(SCHEMA, encoding="utf-8") as fh:
        schema = json.load(fh)
    passages = load_passage_ids()

    seen_text: set[str] = set()

    def unique(builder, *args) -> dict:
        """Build a ticket (plus noise); redraw on the rare exact duplicate of a short ticket."""
        for _ in range(50):
            t = builder(*args)
            add_noise(t)
            t["text"] = re.sub(r"[ \t]+\n", "\n", t["text"]).strip()
            if t["text"] not in seen_text:
                seen_text.add(t["text"])
                return t
        raise RuntimeError("could not build a unique ticket")

    tickets: list[dict] = []
    for _ in range(N_EASY):
        tickets.append(unique(build_easy))
    for _ in range(N_MEDIUM):
        tickets.append(unique(build_medium))
    hard: list[dict] = [unique(build_crafted, c) for c in CRAFTED]
    decoy_plan = DECOY_KINDS * 2 + ["invoice", "tracking"]
    for kind in decoy_plan:
        hard.append(unique(build_decoy, kind))
    for _ in range(3):
        hard.append(unique(build_form_topic_mismatch))
    while len(hard) < N_HARD:
        hard.append(unique(build_multi))
    tickets.extend(hard[:N_HARD])

    rng.shuffle(tickets)

    records = []
    for i, t in enumerate(tickets, 1):
        text = t["text"]
        assert "{" not in text and "}" not in text, text
        expected = {"category": t["cat"], "priority": t["pri"], "order_id": t["oid"]}
        validate_expected(expected, schema)
        tags = [t["cat"]]
        if t["oid"]:
            tags.append("has-order-id")
        for tag in t["tags"]:
            if tag not in tags:
                tags.append(tag)
        n_words = len(text.split())
        if n_words > 100 and "long" not in tags:
            tags.append("long")
        rec = {
            "id": f"t-{i:04d}",
            "input": text,
            "expected": expected,
            "difficulty": difficulty(t),
            "tags": tags,
            "relevantPassages": t["passages"],
        }
        # --- consistency checks
        assert 1 <= len(rec["relevantPassages"]) <= 2, rec
        for pid in rec["relevantPassages"]:
            assert pid in passages, pid
        has_card = bool(CARD_RE.search(text))
        assert has_card == ("card-number" in tags), rec
        if has_card:
            assert PRI_RANK[t["pri"]] >= PRI_RANK["high"], rec
        found = policy_order_ids(text)
        if t["oid"] is None:
            assert not found, (rec["id"], found, text)
        else:
            assert t["oid"] in found, (rec["id"], found, text)
            if "multiple-order-ids" not in tags:
                assert set(found) == {t["oid"]}, (rec["id"], found)
        records.append(rec)

    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # --- re-read and report
    with open(OUT, encoding="utf-8") as fh:
        back = [json.loads(line) for line in fh]
    ids = [r["id"] for r in back]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for pid, words in passages.items():
        assert 40 <= words <= 120, (pid, words)

    def bucket(d: float) -> str:
        return "easy" if d <= 0.35 else ("medium" if d <= 0.65 else "hard")

    n = len(back)
    print(f"wrote {n} records to {os.path.relpath(OUT)}; ids unique: {len(set(ids)) == n}")
    print(f"passages: {len(passages)} ({', '.join(sorted(passages))})")
    for title, fn in (("category", lambda r: r["expected"]["category"]),
                      ("priority", lambda r: r["expected"]["priority"]),
                      ("difficulty", lambda r: bucket(r["difficulty"]))):
        c = collections.Counter(fn(r) for r in back)
        print(f"{title:>10}: " + ", ".join(f"{k}={v} ({100 * v / n:.0f}%)" for k, v in sorted(c.items())))
    tag_counts = collections.Counter(tag for r in back for tag in r["tags"] if tag not in CATEGORIES)
    print("      tags: " + ", ".join(f"{k}={v}" for k, v in sorted(tag_counts.items())))
    print(f"  order_id: non-null={sum(1 for r in back if r['expected']['order_id'])}, "
          f"null={sum(1 for r in back if not r['expected']['order_id'])}")
    pc = collections.Counter(p for r in back for p in r["relevantPassages"])
    print("  passages: " + ", ".join(f"{k}={v}" for k, v in sorted(pc.items())))
    unused = sorted(set(passages) - set(pc))
    if unused:
        print(f"  (passages never cited: {unused})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
